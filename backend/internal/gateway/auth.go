package gateway

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/url"

	"switchboard/backend/internal/bbb"
)

// request is one client call after its checksum was verified.
type request struct {
	r           *http.Request
	call        string
	query       string     // the signed parameters, checksum removed, exactly as the client encoded them
	params      url.Values // query parsed, for routing
	body        []byte     // forwarded untouched (pre-uploaded slides); nil when there is none
	contentType string     // of body
}

// meetingID is the meeting the call is about.
func (q *request) meetingID() string { return q.params.Get("meetingID") }

// readRequest reads the body once (bounded) and verifies the checksum against every configured secret.
// It answers the client itself and returns nil when the call must stop here.
func (g *Gateway) readRequest(w http.ResponseWriter, r *http.Request, call string) (*request, string) {
	var body []byte
	// Only a POST carries a body worth forwarding (create's slides, insertDocument); others are ignored.
	if r.Method == http.MethodPost && r.Body != nil && r.Body != http.NoBody {
		var err error
		body, err = io.ReadAll(io.LimitReader(r.Body, g.maxBody()+1))
		if err != nil {
			bbb.WriteFailed(w, "badRequest", "The request body could not be read.")
			return nil, resultFailed
		}
		if int64(len(body)) > g.maxBody() {
			// BBB itself sits behind nginx, which answers 413 too; the XML keeps API clients parsing.
			writeXMLStatus(w, http.StatusRequestEntityTooLarge, failedXML("requestTooLarge",
				"The request body is larger than "+sizeString(g.maxBody())+"."))
			return nil, resultTooLarge
		}
	}

	// VerifyRequest parses a form body on a POST without URL query; give it a copy so the bytes stay ours.
	vr := r.Clone(r.Context())
	vr.Body = io.NopCloser(bytes.NewReader(body))
	if err := bbb.VerifyRequest(vr, call, g.Secrets); err != nil {
		if !errors.Is(err, bbb.ErrChecksumMissing) {
			err = bbb.ErrChecksumMismatch
		}
		bbb.WriteChecksumError(w, err)
		return nil, resultChecksum
	}

	req := &request{r: r, call: call, contentType: r.Header.Get("Content-Type")}
	if r.Method == http.MethodPost && r.URL.RawQuery == "" && vr.PostForm != nil {
		// A form POST carried the parameters in its body: forward them as a query (the same string
		// the client signed), so the node sees every parameter and no body is needed.
		req.query = bbb.FormQuery(vr.PostForm)
	} else {
		req.query, _, _ = bbb.StripChecksum(r.URL.RawQuery)
		if len(body) > 0 {
			req.body = body
		}
	}
	// ParseQuery keeps what it could parse on a malformed pair; BBB is as lenient.
	req.params, _ = url.ParseQuery(req.query)
	return req, ""
}
