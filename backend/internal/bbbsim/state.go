package bbbsim

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"sync"
	"time"

	"switchboard/backend/internal/bbb"
)

// FailMode makes a node misbehave the way real broken nodes do.
type FailMode string

const (
	FailNone    FailMode = ""
	Fail500     FailMode = "500"     // HTTP 500 with a text body
	FailTimeout FailMode = "timeout" // hang until the caller gives up
	FailRefuse  FailMode = "refuse"  // close the connection without an answer
	FailGarbage FailMode = "garbage" // 200 text/xml that is not XML
	FailHTML    FailMode = "html"    // 200 text/html, like a proxy's error page
	FailEmpty   FailMode = "empty"   // 200 with an empty body
)

func parseFailMode(s string) (FailMode, error) {
	switch m := FailMode(s); m {
	case Fail500, FailTimeout, FailRefuse, FailGarbage, FailHTML, FailEmpty:
		return m, nil
	}
	return "", fmt.Errorf("unknown fail mode %q (want 500, timeout, refuse, garbage, html or empty)", s)
}

// node is one simulated BBB server. Each has its own lock so 1000 nodes do not contend.
type node struct {
	id int

	mu          sync.Mutex
	fail        FailMode
	latency     time.Duration
	cpu         float64
	createCalls int64
	meetings    map[string]*meeting // by meetingID
	sessions    map[string]session  // join page tokens
	recordings  []bbb.RecordingXML
}

type attendee struct {
	userID, fullName, role string
}

type session struct {
	meetingID, userID, fullName, role string
}

type meeting struct {
	id, internalID, name                string
	createTime, startTime               int64
	createDate, voiceBridge, dialNumber string
	attendeePW, moderatorPW             string
	duration, maxUsers                  int
	record                              bool
	metadata                            map[string]string
	attendees                           []attendee // people who joined through the API
	preloaded                           int        // synthetic viewers: counted and listed, not stored one by one
	isBreakout, freeJoin                bool
	parentMeetingID                     string
	sequence                            int
	hasUserJoined                       bool
}

func newNode(id int) *node {
	return &node{id: id, meetings: map[string]*meeting{}, sessions: map[string]session{}}
}

func (m *meeting) participants() int { return len(m.attendees) + m.preloaded }

// addAttendee counts a join; the same userID joining again replaces its earlier entry (a stable BBB
// userID is one person, e.g. a reopened tab).
func (m *meeting) addAttendee(a attendee, now time.Time) {
	if !m.hasUserJoined {
		m.hasUserJoined = true
		m.startTime = now.UnixMilli()
	}
	for i := range m.attendees {
		if a.userID != "" && m.attendees[i].userID == a.userID {
			m.attendees[i] = a
			return
		}
	}
	m.attendees = append(m.attendees, a)
}

// leave removes n participants, synthetic viewers first, then the latest joins.
func (m *meeting) leave(n int) {
	take := min(n, m.preloaded)
	m.preloaded -= take
	n -= take
	if n > len(m.attendees) {
		n = len(m.attendees)
	}
	m.attendees = m.attendees[:len(m.attendees)-n]
}

// toBBB renders the meeting as bbb-web's getMeetingInfo would.
func (m *meeting) toBBB() bbb.Meeting {
	out := bbb.Meeting{
		MeetingName: m.name, MeetingID: m.id, InternalMeetingID: m.internalID, CreateTime: m.createTime,
		CreateDate: m.createDate, VoiceBridge: m.voiceBridge, DialNumber: m.dialNumber,
		AttendeePW: m.attendeePW, ModeratorPW: m.moderatorPW, Running: m.hasUserJoined, Duration: m.duration,
		HasUserJoined: m.hasUserJoined, Recording: false, StartTime: m.startTime,
		ParticipantCount: m.participants(), MaxUsers: m.maxUsers, Metadata: m.metadata,
		IsBreakout: m.isBreakout, ParentMeetingID: m.parentMeetingID, Sequence: m.sequence, FreeJoin: m.freeJoin,
	}
	out.Attendees = make([]bbb.Attendee, 0, m.participants())
	for _, a := range m.attendees {
		if a.role == "MODERATOR" {
			out.ModeratorCount++
		}
		out.Attendees = append(out.Attendees, bbb.Attendee{UserID: a.userID, FullName: a.fullName, Role: a.role,
			IsPresenter: a.role == "MODERATOR" && out.ModeratorCount == 1, ClientType: "HTML5"})
	}
	for k := 1; k <= m.preloaded; k++ {
		out.Attendees = append(out.Attendees, bbb.Attendee{UserID: "sim-v-" + strconv.Itoa(k),
			FullName: "Viewer " + strconv.Itoa(k), Role: "VIEWER", ClientType: "HTML5"})
	}
	return out
}

// newMeeting fills in what bbb-web generates. Caller holds n.mu.
func newMeeting(id, name string, now time.Time) *meeting {
	ct := now.UnixMilli()
	sum := sha1.Sum([]byte(id))
	return &meeting{
		id: id, name: name, createTime: ct,
		internalID:  hex.EncodeToString(sum[:]) + "-" + strconv.FormatInt(ct, 10),
		createDate:  now.UTC().Format("Mon Jan 02 15:04:05 MST 2006"),
		voiceBridge: strconv.Itoa(70000 + randInt(10000)),
		dialNumber:  "613-555-1234",
		attendeePW:  randToken(8), moderatorPW: randToken(8),
		metadata: map[string]string{},
	}
}

// endMeeting removes a meeting, files a recording if it recorded, and drops its join tokens. Caller holds n.mu.
func (n *node) endMeeting(m *meeting, now time.Time) {
	delete(n.meetings, m.id)
	for tok, s := range n.sessions {
		if s.meetingID == m.id {
			delete(n.sessions, tok)
		}
	}
	if m.record && m.hasUserJoined {
		n.recordings = append(n.recordings, bbb.RecordingXML{
			RecordID: m.internalID, MeetingID: m.id, InternalMeetingID: m.internalID, Name: m.name,
			Published: true, State: "published", StartTime: m.startTime, EndTime: now.UnixMilli(),
			Participants: m.participants(), Metadata: bbb.MetadataXML(m.metadata),
		})
	}
}

// NodeStats is the control API's view of one node.
type NodeStats struct {
	Meetings     int      `json:"meetings"`
	Participants int      `json:"participants"`
	CreateCalls  int64    `json:"create_calls"`
	MeetingIDs   []string `json:"meeting_ids"`
}

func (n *node) stats() NodeStats {
	n.mu.Lock()
	defer n.mu.Unlock()
	st := NodeStats{Meetings: len(n.meetings), CreateCalls: n.createCalls, MeetingIDs: make([]string, 0, len(n.meetings))}
	for id, m := range n.meetings {
		st.Participants += m.participants()
		st.MeetingIDs = append(st.MeetingIDs, id)
	}
	sort.Strings(st.MeetingIDs)
	return st
}

// sortedMeetings lists meetings by creation for stable getMeetings output. Caller holds n.mu.
func (n *node) sortedMeetings() []*meeting {
	ms := make([]*meeting, 0, len(n.meetings))
	for _, m := range n.meetings {
		ms = append(ms, m)
	}
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].createTime != ms[j].createTime {
			return ms[i].createTime < ms[j].createTime
		}
		return ms[i].id < ms[j].id
	})
	return ms
}

const tokenChars = "abcdefghijklmnopqrstuvwxyz0123456789"

func randToken(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = tokenChars[randInt(len(tokenChars))]
	}
	return string(b)
}

// randInt is math/rand: tokens of a simulator need no cryptographic strength, and speed matters at 1000 nodes.
func randInt(n int) int { return rand.IntN(n) }
