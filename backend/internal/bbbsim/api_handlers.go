package bbbsim

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"switchboard/backend/internal/bbb"
)

// Messages bbb-web answers with (its ApiErrors / response templates).
const (
	msgNoMeetingID    = "You must provide a meeting ID"
	msgNoName         = "You must provide a meeting name"
	msgNoFullName     = "You must provide your name"
	msgNotFound       = "A meeting with that ID does not exist"
	msgDuplicate      = "This conference was already in existence and may currently be in progress."
	msgIDNotUnique    = "A meeting already exists with that meeting ID.  Please use a different meeting ID."
	msgInvalidMeeting = "The meeting ID that you supplied did not match any existing meetings"
	msgInvalidPW      = "You either did not supply a password or the password supplied is neither the attendee or moderator password for this conference."
	msgMaxReached     = "The number of participants allowed for this meeting has been reached."
	msgEnd            = "A request to end the meeting was sent.  Please wait a few seconds, and then use the getMeetingInfo or isMeetingRunning API calls to verify that it was ended."
	msgNoMeetings     = "no meetings were found on this server"
	msgNoRecordings   = "There are no recordings for the meeting(s)."
)

type apiHandler func(w http.ResponseWriter, r *http.Request, n *node, p url.Values)

func (s *Sim) apiCalls() map[string]apiHandler {
	return map[string]apiHandler{
		"create":            s.apiCreate,
		"join":              s.apiJoin,
		"isMeetingRunning":  s.apiIsMeetingRunning,
		"getMeetingInfo":    s.apiGetMeetingInfo,
		"getMeetings":       s.apiGetMeetings,
		"end":               s.apiEnd,
		"getRecordings":     s.apiGetRecordings,
		"insertDocument":    s.apiInsertDocument,
		"publishRecordings": s.apiPublishRecordings,
		"updateRecordings":  s.apiUpdateRecordings,
		"deleteRecordings":  s.apiDeleteRecordings,
	}
}

func (s *Sim) handleRoot(w http.ResponseWriter, r *http.Request, n *node) {
	bbb.WriteXML(w, bbb.RootResponseXML{ReturnCode: bbb.ReturnSuccess, Version: "2.0", APIVersion: "2.0", BBBVersion: "3.0.0"})
}

// handleAPI verifies the checksum on the raw query (all four algorithms) before dispatching.
func (s *Sim) handleAPI(w http.ResponseWriter, r *http.Request, n *node) {
	call := r.PathValue("call")
	h, ok := s.calls[call]
	if !ok {
		bbb.WriteFailed(w, "unsupportedRequest", "This request is not supported.")
		return
	}
	if err := bbb.VerifyRequest(r, call, []string{s.opts.Secret}); err != nil {
		bbb.WriteChecksumError(w, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		bbb.WriteFailed(w, bbb.KeyValidationError, "Malformed parameters")
		return
	}
	h(w, r, n, r.Form)
}

func (s *Sim) apiCreate(w http.ResponseWriter, r *http.Request, n *node, p url.Values) {
	id, name := p.Get("meetingID"), p.Get("name")
	if id == "" {
		bbb.WriteFailed(w, bbb.KeyValidationError, msgNoMeetingID)
		return
	}
	if name == "" {
		bbb.WriteFailed(w, bbb.KeyValidationError, msgNoName)
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.createCalls++
	m, exists := n.meetings[id]
	key, msg := "", ""
	if exists {
		apw, mpw := p.Get("attendeePW"), p.Get("moderatorPW")
		if (apw != "" && apw != m.attendeePW) || (mpw != "" && mpw != m.moderatorPW) {
			bbb.WriteFailed(w, bbb.KeyIDNotUnique, msgIDNotUnique)
			return
		}
		key, msg = bbb.KeyDuplicateWarning, msgDuplicate
	} else {
		m = newMeeting(id, name, time.Now())
		applyCreateParams(m, p)
		n.meetings[id] = m
	}
	parent := "bbb-none"
	if m.isBreakout {
		parent = m.parentMeetingID
	}
	bbb.WriteXML(w, bbb.CreateResponseXML{
		ReturnCode: bbb.ReturnSuccess, MeetingID: m.id, InternalMeetingID: m.internalID, ParentMeetingID: parent,
		AttendeePW: m.attendeePW, ModeratorPW: m.moderatorPW, CreateTime: m.createTime, VoiceBridge: m.voiceBridge,
		DialNumber: m.dialNumber, CreateDate: m.createDate, HasUserJoined: m.hasUserJoined, Duration: m.duration,
		MessageKey: key, Message: msg,
	})
}

func applyCreateParams(m *meeting, p url.Values) {
	setStr := func(dst *string, k string) {
		if v := p.Get(k); v != "" {
			*dst = v
		}
	}
	setStr(&m.attendeePW, "attendeePW")
	setStr(&m.moderatorPW, "moderatorPW")
	setStr(&m.voiceBridge, "voiceBridge")
	setStr(&m.dialNumber, "dialNumber")
	m.duration, _ = strconv.Atoi(p.Get("duration"))
	m.maxUsers, _ = strconv.Atoi(p.Get("maxParticipants"))
	m.record = isTrue(p.Get("record"))
	m.isBreakout = isTrue(p.Get("isBreakout"))
	if m.isBreakout {
		m.parentMeetingID = p.Get("parentMeetingID")
		m.sequence, _ = strconv.Atoi(p.Get("sequence"))
		m.freeJoin = isTrue(p.Get("freeJoin"))
	}
	for k, vs := range p {
		if len(k) > 5 && strings.EqualFold(k[:5], "meta_") && len(vs) > 0 {
			m.metadata[strings.ToLower(k[5:])] = vs[0]
		}
	}
}

// apiJoin counts the attendee at join time, so tests need not follow the redirect. Errors answer FAILED
// XML even with redirect=true (real BBB redirects to an error page; the XML is easier to assert on).
func (s *Sim) apiJoin(w http.ResponseWriter, r *http.Request, n *node, p url.Values) {
	id, fullName := p.Get("meetingID"), p.Get("fullName")
	if id == "" {
		bbb.WriteFailed(w, bbb.KeyValidationError, msgNoMeetingID)
		return
	}
	if fullName == "" {
		bbb.WriteFailed(w, bbb.KeyValidationError, msgNoFullName)
		return
	}
	n.mu.Lock()
	m, ok := n.meetings[id]
	if !ok {
		n.mu.Unlock()
		bbb.WriteFailed(w, "invalidMeetingIdentifier", msgInvalidMeeting)
		return
	}
	role := strings.ToUpper(p.Get("role"))
	if role != "MODERATOR" && role != "VIEWER" {
		switch pw := p.Get("password"); {
		case pw != "" && pw == m.moderatorPW:
			role = "MODERATOR"
		case pw != "" && pw == m.attendeePW:
			role = "VIEWER"
		default:
			n.mu.Unlock()
			bbb.WriteFailed(w, "invalidPassword", msgInvalidPW)
			return
		}
	}
	userID := p.Get("userID")
	if m.maxUsers > 0 && m.participants() >= m.maxUsers && !m.hasUser(userID) {
		n.mu.Unlock()
		bbb.WriteFailed(w, "maxParticipantsReached", msgMaxReached)
		return
	}
	if userID == "" {
		userID = "w_" + randToken(12)
	}
	m.addAttendee(attendee{userID: userID, fullName: fullName, role: role}, time.Now())
	token := randToken(16)
	n.sessions[token] = session{meetingID: id, userID: userID, fullName: fullName, role: role}
	internalID := m.internalID
	n.mu.Unlock()

	joinURL := s.publicBase(r) + "/n/" + strconv.Itoa(n.id) + "/client/join?sessionToken=" + token
	if strings.EqualFold(p.Get("redirect"), "false") {
		bbb.WriteXML(w, bbb.JoinResponseXML{ReturnCode: bbb.ReturnSuccess, MessageKey: "successfullyJoined",
			Message: "You have joined successfully.", MeetingID: internalID, UserID: userID,
			AuthToken: randToken(12), SessionToken: token, GuestStatus: "ALLOW", URL: joinURL})
		return
	}
	http.Redirect(w, r, joinURL, http.StatusFound)
}

func (m *meeting) hasUser(userID string) bool {
	if userID == "" {
		return false
	}
	for _, a := range m.attendees {
		if a.userID == userID {
			return true
		}
	}
	return false
}

func (s *Sim) apiIsMeetingRunning(w http.ResponseWriter, r *http.Request, n *node, p url.Values) {
	id := p.Get("meetingID")
	if id == "" {
		bbb.WriteFailed(w, bbb.KeyValidationError, msgNoMeetingID)
		return
	}
	n.mu.Lock()
	m, ok := n.meetings[id]
	running := ok && m.hasUserJoined
	n.mu.Unlock()
	bbb.WriteXML(w, bbb.RunningResponseXML{ReturnCode: bbb.ReturnSuccess, Running: running})
}

func (s *Sim) apiGetMeetingInfo(w http.ResponseWriter, r *http.Request, n *node, p url.Values) {
	id := p.Get("meetingID")
	if id == "" {
		bbb.WriteFailed(w, bbb.KeyValidationError, msgNoMeetingID)
		return
	}
	n.mu.Lock()
	m, ok := n.meetings[id]
	var x bbb.MeetingXML
	if ok {
		x = m.toBBB().ToXML()
	}
	n.mu.Unlock()
	if !ok {
		bbb.WriteFailed(w, bbb.KeyNotFound, msgNotFound)
		return
	}
	bbb.WriteXML(w, bbb.MeetingInfoResponseXML{ReturnCode: bbb.ReturnSuccess, MeetingXML: x})
}

func (s *Sim) apiGetMeetings(w http.ResponseWriter, r *http.Request, n *node, p url.Values) {
	n.mu.Lock()
	ms := n.sortedMeetings()
	out := bbb.MeetingsResponseXML{ReturnCode: bbb.ReturnSuccess, Meetings: make([]bbb.MeetingXML, len(ms))}
	for i, m := range ms {
		out.Meetings[i] = m.toBBB().ToXML()
	}
	n.mu.Unlock()
	if len(ms) == 0 {
		out.MessageKey, out.Message = bbb.KeyNoMeetings, msgNoMeetings
	}
	bbb.WriteXML(w, out)
}

func (s *Sim) apiEnd(w http.ResponseWriter, r *http.Request, n *node, p url.Values) {
	id := p.Get("meetingID")
	if id == "" {
		bbb.WriteFailed(w, bbb.KeyValidationError, msgNoMeetingID)
		return
	}
	n.mu.Lock()
	m, ok := n.meetings[id]
	if ok {
		n.endMeeting(m, time.Now())
	}
	n.mu.Unlock()
	if !ok {
		bbb.WriteFailed(w, bbb.KeyNotFound, msgNotFound)
		return
	}
	bbb.WriteXML(w, bbb.MessageResponseXML{ReturnCode: bbb.ReturnSuccess, MessageKey: "sentEndMeetingRequest", Message: msgEnd})
}

// apiGetRecordings lists recordings of ended record=true meetings that had someone join, filtered by
// meetingID and recordID (comma-separated lists, as BBB accepts).
func (s *Sim) apiGetRecordings(w http.ResponseWriter, r *http.Request, n *node, p url.Values) {
	meetingIDs, recordIDs := commaSet(p.Get("meetingID")), commaSet(p.Get("recordID"))
	out := bbb.RecordingsResponseXML{ReturnCode: bbb.ReturnSuccess}
	n.mu.Lock()
	for _, rec := range n.recordings {
		if (len(meetingIDs) > 0 && !meetingIDs[rec.MeetingID]) || (len(recordIDs) > 0 && !recordIDs[rec.RecordID]) {
			continue
		}
		rec.Playback.Format = []bbb.PlaybackFormatXML{{Type: "presentation",
			URL:            s.publicBase(r) + "/playback/presentation/2.3/" + rec.RecordID,
			ProcessingTime: 1000, Length: int((rec.EndTime - rec.StartTime) / 60000)}}
		out.Recordings.Recording = append(out.Recordings.Recording, rec)
	}
	n.mu.Unlock()
	if len(out.Recordings.Recording) == 0 {
		out.MessageKey, out.Message = "noRecordings", msgNoRecordings
	}
	bbb.WriteXML(w, out)
}

func (s *Sim) apiInsertDocument(w http.ResponseWriter, r *http.Request, n *node, p url.Values) {
	id := p.Get("meetingID")
	if id == "" {
		bbb.WriteFailed(w, bbb.KeyValidationError, msgNoMeetingID)
		return
	}
	n.mu.Lock()
	_, ok := n.meetings[id]
	n.mu.Unlock()
	if !ok {
		bbb.WriteFailed(w, bbb.KeyNotFound, msgNotFound)
		return
	}
	bbb.WriteXML(w, bbb.MessageResponseXML{ReturnCode: bbb.ReturnSuccess, Message: "Presentation is being uploaded"})
}

func commaSet(s string) map[string]bool {
	if s == "" {
		return nil
	}
	set := map[string]bool{}
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			set[v] = true
		}
	}
	return set
}

func isTrue(s string) bool { return strings.EqualFold(s, "true") }
