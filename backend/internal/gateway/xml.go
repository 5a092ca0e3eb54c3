package gateway

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"switchboard/backend/internal/bbb"
)

// Messages the gateway answers itself, in bbb-web's words where BBB has them.
const (
	msgNoMeetingID   = "You must provide a meeting ID"
	msgNotFound      = "A meeting with that ID does not exist"
	msgIDNotUnique   = "A meeting already exists with that meeting ID.  Please use a different meeting ID."
	msgNoMeetings    = "no meetings were found on this server"
	msgNoRecordings  = "There are no recordings for the meeting(s)."
	msgNoRecordID    = "You must specify one or more recordIDs."
	msgNodeDown      = "The BBB server hosting this meeting did not answer. Please try again."
	msgNoNodeAnswer  = "No BBB server answered. Please try again in a few minutes."
	msgInternalError = "Switchboard could not process the request. Please try again."

	keyNoAvailableServer = "noAvailableServer"
	keyInternalError     = "internalError"
)

func failedXML(key, msg string) bbb.MessageResponseXML {
	return bbb.MessageResponseXML{ReturnCode: bbb.ReturnFailed, MessageKey: key, Message: msg}
}

func writeXMLStatus(w http.ResponseWriter, status int, v any) {
	body, err := bbb.EncodeXML(v)
	if err != nil {
		http.Error(w, "xml encoding failed", http.StatusInternalServerError)
		return
	}
	writeRawXML(w, status, body)
}

func writeRawXML(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", bbb.ContentTypeXML)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// nodeAnswer is a node's answer as the gateway passes it on.
type nodeAnswer struct {
	status     int
	data       []byte
	returnCode string // SUCCESS, FAILED, or "" when the answer is not BBB XML
	messageKey string
}

// parseAnswer judges a node's raw answer: only HTTP 200 BBB XML with a returncode counts as an answer;
// a proxy's HTML error page or garbage is treated like no answer at all.
func parseAnswer(status int, ctype string, data []byte) nodeAnswer {
	a := nodeAnswer{status: status, data: data}
	if status != http.StatusOK {
		return a
	}
	if mt, _, _ := mime.ParseMediaType(ctype); strings.Contains(mt, "html") {
		return a
	}
	var head bbb.MessageResponseXML
	if err := xml.Unmarshal(data, &head); err != nil {
		return a
	}
	switch head.ReturnCode {
	case bbb.ReturnSuccess, bbb.ReturnFailed:
		a.returnCode, a.messageKey = head.ReturnCode, head.MessageKey
	}
	return a
}

func (a nodeAnswer) ok() bool    { return a.returnCode == bbb.ReturnSuccess }
func (a nodeAnswer) valid() bool { return a.returnCode != "" }
func (a nodeAnswer) result() string {
	if a.ok() {
		return resultSuccess
	}
	return resultFailed
}

// write passes a valid answer on verbatim, so fields the gateway does not know (newer BBB versions)
// reach the client unchanged.
func (a nodeAnswer) write(w http.ResponseWriter) { writeRawXML(w, http.StatusOK, a.data) }

// rawElement is one repeated element (<meeting>, <recording>) kept as raw XML for merging.
type rawElement struct {
	Inner     []byte `xml:",innerxml"`
	MeetingID string `xml:"meetingID"`
}

// mergedList writes <response><returncode>SUCCESS</returncode><list><item>...</item>...</list></response>
// from raw elements, with BBB's "nothing found" messageKey when there are none.
func mergedList(list, item string, elems []rawElement, emptyKey, emptyMsg string) []byte {
	var b bytes.Buffer
	b.WriteString("<response>\n<returncode>SUCCESS</returncode>\n")
	if len(elems) == 0 {
		fmt.Fprintf(&b, "<%s/>\n<messageKey>%s</messageKey>\n<message>%s</message>\n", list, emptyKey, xmlEscape(emptyMsg))
	} else {
		fmt.Fprintf(&b, "<%s>\n", list)
		for _, e := range elems {
			fmt.Fprintf(&b, "<%s>", item)
			b.Write(e.Inner)
			fmt.Fprintf(&b, "</%s>\n", item)
		}
		fmt.Fprintf(&b, "</%s>\n", list)
	}
	b.WriteString("</response>\n")
	return b.Bytes()
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func sizeString(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
