package gateway

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"

	"switchboard/backend/internal/bbb"
	"switchboard/backend/internal/cluster"
	"switchboard/backend/internal/core"
)

// lookup finds the live gateway meeting with exactly this meetingID in Switchboard's meeting table —
// never by asking every node, never by substring. Portal rooms' meetings are invisible here: their
// IDs carry core.RoomMeetingPrefix, which gateway clients may not use. A meeting whose node is offline
// or disabled counts as not found, so nothing is ever sent to a node that cannot answer.
// A nil meeting with a nil error means "unknown meeting".
func (g *Gateway) lookup(ctx context.Context, meetingID string) (lm *core.LiveMeeting, err error) {
	if meetingID == "" || strings.HasPrefix(meetingID, core.RoomMeetingPrefix) {
		return nil, nil
	}
	lm, err = g.Store.LiveMeeting(ctx, meetingID)
	switch {
	case core.ErrorCode(err) == core.ENotFound:
		return nil, nil
	case err != nil:
		return nil, err
	case lm.Meeting.Source != core.SourceGateway || !lm.Node.ServesMeetings():
		return nil, nil
	}
	return lm, nil
}

// forward sends the client's call, re-signed with the node's secret, to one node and judges the answer.
func (g *Gateway) forward(ctx context.Context, n *core.Node, req *request) (nodeAnswer, error) {
	ctx, cancel := context.WithTimeout(ctx, g.nodeTimeout())
	defer cancel()
	return g.send(ctx, cluster.ServerOf(n), req)
}

// send performs req's call on server s: a POST with the client's body when there is one, else a GET.
func (g *Gateway) send(ctx context.Context, s bbb.Server, req *request) (nodeAnswer, error) {
	method, ctype := http.MethodGet, ""
	var body io.Reader
	if req.body != nil {
		method, ctype, body = http.MethodPost, req.contentType, bytes.NewReader(req.body)
	}
	status, rctype, data, err := g.BBB.Raw(ctx, method, s, req.call, req.query, body, ctype)
	if err != nil {
		return nodeAnswer{}, err
	}
	return parseAnswer(status, rctype, data), nil
}

// hosted finds the live gateway meeting the call names. When it returns nil
// the answer is already written (validationError, onUnknown's answer, or an
// internal error) and res is the metrics result.
func (g *Gateway) hosted(w http.ResponseWriter, req *request, onUnknown func(http.ResponseWriter) string) (lm *core.LiveMeeting, res string) {
	if !requireMeetingID(w, req) {
		return nil, resultFailed
	}
	lm, err := g.lookup(req.r.Context(), req.meetingID())
	if err != nil {
		return nil, g.internalError(w, req, err)
	}
	if lm == nil {
		return nil, onUnknown(w)
	}
	return lm, ""
}

// notFoundAnswer is BBB's answer for a meeting it does not know.
func notFoundAnswer(w http.ResponseWriter) string {
	bbb.WriteFailed(w, bbb.KeyNotFound, msgNotFound)
	return resultFailed
}

// forwardResult forwards req to the hosting node and returns the metrics result.
func (g *Gateway) forwardResult(w http.ResponseWriter, lm *core.LiveMeeting, req *request) string {
	a, ok := g.forwardAndAnswer(w, lm, req)
	if !ok {
		return resultUnavailable
	}
	return a.result()
}

// requireMeetingID answers validationError when the call names no meeting.
func requireMeetingID(w http.ResponseWriter, req *request) bool {
	if req.meetingID() == "" {
		bbb.WriteFailed(w, bbb.KeyValidationError, msgNoMeetingID)
		return false
	}
	return true
}

// perMeeting serves getMeetingInfo and insertDocument: the hosting node answers, verbatim.
func (g *Gateway) perMeeting(w http.ResponseWriter, req *request) string {
	lm, res := g.hosted(w, req, notFoundAnswer)
	if lm == nil {
		return res
	}
	return g.forwardResult(w, lm, req)
}

// isMeetingRunning answers running=false for a meeting Switchboard does not know, as BBB does.
func (g *Gateway) isMeetingRunning(w http.ResponseWriter, req *request) string {
	lm, res := g.hosted(w, req, func(w http.ResponseWriter) string {
		bbb.WriteXML(w, bbb.RunningResponseXML{ReturnCode: bbb.ReturnSuccess, Running: false})
		return resultSuccess
	})
	if lm == nil {
		return res
	}
	return g.forwardResult(w, lm, req)
}

// end ends the meeting on its node and marks it ended in the meeting table at once, so the seats and the
// meetingID are free for the next create without waiting for a poll. A node that no longer knows the
// meeting (notFound) means the row is stale: it is ended too.
func (g *Gateway) end(w http.ResponseWriter, req *request) string {
	lm, res := g.hosted(w, req, notFoundAnswer)
	if lm == nil {
		return res
	}
	a, ok := g.forwardAndAnswer(w, lm, req)
	if !ok {
		return resultUnavailable
	}
	if a.ok() || a.messageKey == bbb.KeyNotFound {
		// The client has its answer; a failure here only delays freeing the row until the next poll.
		if err := g.Store.EndMeeting(context.WithoutCancel(req.r.Context()), lm.Meeting.ID, g.now()); err != nil {
			g.log().Warn("gateway: could not mark meeting ended", "meeting_id", lm.Meeting.MeetingID, "err", err)
		}
	}
	return a.result()
}

// forwardAndAnswer forwards req to lm's node and writes its answer; ok=false when the node gave none
// (the client then gets a FAILED answer that names no internals).
func (g *Gateway) forwardAndAnswer(w http.ResponseWriter, lm *core.LiveMeeting, req *request) (nodeAnswer, bool) {
	a, err := g.forward(req.r.Context(), &lm.Node, req)
	if err != nil || !a.valid() {
		g.log().Warn("gateway: node gave no answer", "call", req.call, "node", lm.Node.Name, "status", a.status, "err", err)
		bbb.WriteFailed(w, keyInternalError, msgNodeDown)
		return a, false
	}
	a.write(w)
	return a, true
}

// internalError answers a database failure without details; the log has them.
func (g *Gateway) internalError(w http.ResponseWriter, req *request, err error) string {
	g.log().Error("gateway: store failed", "call", req.call, "err", err)
	bbb.WriteFailed(w, keyInternalError, msgInternalError)
	return resultError
}
