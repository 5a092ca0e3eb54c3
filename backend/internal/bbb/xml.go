package bbb

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"sort"
	"strconv"
)

// Wire forms of BBB's responses. Field order follows bbb-web's templates (see bbb-api.md); the same
// structs parse a node's answer and write the simulator's and the gateway's answers.

// ContentTypeXML is what bbb-web sends with every API answer.
const ContentTypeXML = "text/xml;charset=utf-8"

const (
	ReturnSuccess = "SUCCESS"
	ReturnFailed  = "FAILED"
)

// MessageResponseXML is the smallest answer: FAILED errors, end, insertDocument.
type MessageResponseXML struct {
	XMLName    xml.Name `xml:"response"`
	ReturnCode string   `xml:"returncode"`
	MessageKey string   `xml:"messageKey,omitempty"`
	Message    string   `xml:"message,omitempty"`
}

// RootResponseXML answers GET /bigbluebutton/api.
type RootResponseXML struct {
	XMLName    xml.Name `xml:"response"`
	ReturnCode string   `xml:"returncode"`
	Version    string   `xml:"version"`
	APIVersion string   `xml:"apiVersion"`
	BBBVersion string   `xml:"bbbVersion"`
}

// CreateResponseXML answers create; messageKey/message are empty on a first create.
type CreateResponseXML struct {
	XMLName              xml.Name `xml:"response"`
	ReturnCode           string   `xml:"returncode"`
	MeetingID            string   `xml:"meetingID"`
	InternalMeetingID    string   `xml:"internalMeetingID"`
	ParentMeetingID      string   `xml:"parentMeetingID"`
	AttendeePW           string   `xml:"attendeePW"`
	ModeratorPW          string   `xml:"moderatorPW"`
	CreateTime           int64    `xml:"createTime"`
	VoiceBridge          string   `xml:"voiceBridge"`
	DialNumber           string   `xml:"dialNumber"`
	CreateDate           string   `xml:"createDate"`
	HasUserJoined        bool     `xml:"hasUserJoined"`
	Duration             int      `xml:"duration"`
	HasBeenForciblyEnded bool     `xml:"hasBeenForciblyEnded"`
	MessageKey           string   `xml:"messageKey"`
	Message              string   `xml:"message"`
}

// JoinResponseXML answers join with redirect=false.
type JoinResponseXML struct {
	XMLName      xml.Name `xml:"response"`
	ReturnCode   string   `xml:"returncode"`
	MessageKey   string   `xml:"messageKey"`
	Message      string   `xml:"message"`
	MeetingID    string   `xml:"meeting_id"`
	UserID       string   `xml:"user_id"`
	AuthToken    string   `xml:"auth_token"`
	SessionToken string   `xml:"session_token"`
	GuestStatus  string   `xml:"guestStatus"`
	URL          string   `xml:"url"`
}

// RunningResponseXML answers isMeetingRunning.
type RunningResponseXML struct {
	XMLName    xml.Name `xml:"response"`
	ReturnCode string   `xml:"returncode"`
	Running    bool     `xml:"running"`
}

// MeetingXML is one meeting as getMeetingInfo and getMeetings write it.
type MeetingXML struct {
	MeetingName           string       `xml:"meetingName"`
	MeetingID             string       `xml:"meetingID"`
	InternalMeetingID     string       `xml:"internalMeetingID"`
	CreateTime            int64        `xml:"createTime"`
	CreateDate            string       `xml:"createDate"`
	VoiceBridge           string       `xml:"voiceBridge"`
	DialNumber            string       `xml:"dialNumber"`
	AttendeePW            string       `xml:"attendeePW"`
	ModeratorPW           string       `xml:"moderatorPW"`
	Running               bool         `xml:"running"`
	Duration              int          `xml:"duration"`
	HasUserJoined         bool         `xml:"hasUserJoined"`
	Recording             bool         `xml:"recording"`
	HasBeenForciblyEnded  bool         `xml:"hasBeenForciblyEnded"`
	StartTime             int64        `xml:"startTime"`
	EndTime               int64        `xml:"endTime"`
	ParticipantCount      int          `xml:"participantCount"`
	ListenerCount         int          `xml:"listenerCount"`
	VoiceParticipantCount int          `xml:"voiceParticipantCount"`
	VideoCount            int          `xml:"videoCount"`
	MaxUsers              int          `xml:"maxUsers"`
	ModeratorCount        int          `xml:"moderatorCount"`
	Attendees             AttendeesXML `xml:"attendees"`
	Metadata              MetadataXML  `xml:"metadata"`
	IsBreakout            bool         `xml:"isBreakout"`
	ParentMeetingID       string       `xml:"parentMeetingID,omitempty"`
	Sequence              *int         `xml:"sequence,omitempty"`
	FreeJoin              *bool        `xml:"freeJoin,omitempty"`
}

// AttendeesXML wraps the list so an empty list still writes <attendees></attendees> like BBB.
type AttendeesXML struct {
	Attendee []AttendeeXML `xml:"attendee"`
}

type AttendeeXML struct {
	UserID          string   `xml:"userID"`
	FullName        string   `xml:"fullName"`
	Role            string   `xml:"role"`
	IsPresenter     bool     `xml:"isPresenter"`
	IsListeningOnly bool     `xml:"isListeningOnly"`
	HasJoinedVoice  bool     `xml:"hasJoinedVoice"`
	HasVideo        bool     `xml:"hasVideo"`
	ClientType      string   `xml:"clientType"`
	CustomData      struct{} `xml:"customdata"`
}

// MeetingInfoResponseXML answers getMeetingInfo: the meeting's fields sit directly under <response>.
type MeetingInfoResponseXML struct {
	XMLName    xml.Name `xml:"response"`
	ReturnCode string   `xml:"returncode"`
	MeetingXML
}

// MeetingsResponseXML answers getMeetings.
type MeetingsResponseXML struct {
	XMLName    xml.Name     `xml:"response"`
	ReturnCode string       `xml:"returncode"`
	Meetings   []MeetingXML `xml:"meetings>meeting"`
	MessageKey string       `xml:"messageKey,omitempty"`
	Message    string       `xml:"message,omitempty"`
}

// MarshalXML writes <meetings/> even when the list is empty, as BBB does.
func (r MeetingsResponseXML) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	type wire struct {
		XMLName    xml.Name `xml:"response"`
		ReturnCode string   `xml:"returncode"`
		Meetings   struct {
			Meeting []MeetingXML `xml:"meeting"`
		} `xml:"meetings"`
		MessageKey string `xml:"messageKey,omitempty"`
		Message    string `xml:"message,omitempty"`
	}
	w := wire{ReturnCode: r.ReturnCode, MessageKey: r.MessageKey, Message: r.Message}
	w.Meetings.Meeting = r.Meetings
	return e.Encode(w)
}

// RecordingsResponseXML answers getRecordings.
type RecordingsResponseXML struct {
	XMLName    xml.Name `xml:"response"`
	ReturnCode string   `xml:"returncode"`
	Recordings struct {
		Recording []RecordingXML `xml:"recording"`
	} `xml:"recordings"`
	MessageKey string `xml:"messageKey,omitempty"`
	Message    string `xml:"message,omitempty"`
}

type RecordingXML struct {
	RecordID          string      `xml:"recordID"`
	MeetingID         string      `xml:"meetingID"`
	InternalMeetingID string      `xml:"internalMeetingID"`
	Name              string      `xml:"name"`
	IsBreakout        bool        `xml:"isBreakout"`
	Published         bool        `xml:"published"`
	State             string      `xml:"state"`
	StartTime         int64       `xml:"startTime"`
	EndTime           int64       `xml:"endTime"`
	Participants      int         `xml:"participants"`
	Metadata          MetadataXML `xml:"metadata"`
	Playback          struct {
		Format []PlaybackFormatXML `xml:"format"`
	} `xml:"playback"`
}

type PlaybackFormatXML struct {
	Type           string `xml:"type"`
	URL            string `xml:"url"`
	ProcessingTime int64  `xml:"processingTime"`
	Length         int    `xml:"length"`
}

// MetadataXML is <metadata><key>value</key>...</metadata>.
type MetadataXML map[string]string

func (m MetadataXML) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		if validXMLName(k) { // a key BBB could not write as an element is dropped, not a broken document
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := e.EncodeElement(m[k], xml.StartElement{Name: xml.Name{Local: k}}); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}

func (m *MetadataXML) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	out := MetadataXML{}
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			var v string
			if err := d.DecodeElement(&v, &t); err != nil {
				return err
			}
			out[t.Name.Local] = v
		case xml.EndElement:
			*m = out
			return nil
		}
	}
}

func validXMLName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		letter := r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r > 127
		if i == 0 && !letter {
			return false
		}
		if !letter && !(r >= '0' && r <= '9') && r != '-' && r != '.' {
			return false
		}
	}
	return true
}

// EncodeXML renders v the way bbb-web does: no XML declaration, one element per line.
func EncodeXML(v any) ([]byte, error) {
	raw, err := xml.MarshalIndent(v, "", " ")
	if err != nil {
		return nil, err
	}
	// Text never holds a raw newline (encoding/xml escapes it), so trimming each line is safe.
	lines := bytes.Split(raw, []byte("\n"))
	var out bytes.Buffer
	out.Grow(len(raw))
	for _, l := range lines {
		out.Write(bytes.TrimLeft(l, " "))
		out.WriteByte('\n')
	}
	return out.Bytes(), nil
}

// WriteXML writes v as a 200 text/xml answer.
func WriteXML(w http.ResponseWriter, v any) {
	body, err := EncodeXML(v)
	if err != nil {
		http.Error(w, "xml: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ContentTypeXML)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// WriteFailed writes BBB's FAILED answer (HTTP 200, as bbb-web does).
func WriteFailed(w http.ResponseWriter, key, msg string) {
	WriteXML(w, MessageResponseXML{ReturnCode: ReturnFailed, MessageKey: key, Message: msg})
}

// WriteChecksumError answers a VerifyRequest failure.
func WriteChecksumError(w http.ResponseWriter, err error) {
	WriteFailed(w, KeyChecksumError, err.Error())
}
