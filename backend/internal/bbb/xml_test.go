package bbb

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

// fixedNode answers every call with one canned body, so each bbb-api.md example goes through the client.
func fixedNode(t *testing.T, status int, ctype, body string) Server {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ctype != "" {
			w.Header().Set("Content-Type", ctype)
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	return Server{APIURL: ts.URL + "/bigbluebutton/api", Secret: "s"}
}

const createDuplicateXML = `<response>
<returncode>SUCCESS</returncode>
<meetingID>Test</meetingID>
<internalMeetingID>640ab2bae07bedc4c163f679a746f7ab7fb5d1fa-1531155809613</internalMeetingID>
<parentMeetingID>bbb-none</parentMeetingID>
<attendeePW>ap</attendeePW>
<moderatorPW>mp</moderatorPW>
<createTime>1531155809613</createTime>
<voiceBridge>70757</voiceBridge>
<dialNumber>613-555-1234</dialNumber>
<createDate>Mon Jul 09 17:03:29 UTC 2018</createDate>
<hasUserJoined>false</hasUserJoined>
<duration>0</duration>
<hasBeenForciblyEnded>false</hasBeenForciblyEnded>
<messageKey>duplicateWarning</messageKey>
<message>This conference was already in existence and may currently be in progress.</message>
</response>`

const joinXML = `<response>
<returncode>SUCCESS</returncode>
<messageKey>successfullyJoined</messageKey>
<message>You have joined successfully.</message>
<meeting_id>640ab2bae07bedc4c163f679a746f7ab7fb5d1fa-1531155809613</meeting_id>
<user_id>w_euxnssffnsbs</user_id>
<auth_token>14mm5y3eurjw</auth_token>
<session_token>ai1wqj8wb6s7rnk0</session_token>
<guestStatus>ALLOW</guestStatus>
<url>https://host/html5client/join?sessionToken=ai1wqj8wb6s7rnk0</url>
</response>`

const meetingInfoXML = `<response>
<returncode>SUCCESS</returncode>
<meetingName>Demo &amp; Co</meetingName>
<meetingID>room-1</meetingID>
<internalMeetingID>abc-1531155809613</internalMeetingID>
<createTime>1531155809613</createTime>
<createDate>Mon Jul 09 17:03:29 UTC 2018</createDate>
<voiceBridge>70757</voiceBridge>
<dialNumber>613-555-1234</dialNumber>
<attendeePW>ap</attendeePW>
<moderatorPW>mp</moderatorPW>
<running>true</running>
<duration>0</duration>
<hasUserJoined>true</hasUserJoined>
<recording>false</recording>
<hasBeenForciblyEnded>false</hasBeenForciblyEnded>
<startTime>1531155809700</startTime>
<endTime>0</endTime>
<participantCount>2</participantCount>
<listenerCount>1</listenerCount>
<voiceParticipantCount>1</voiceParticipantCount>
<videoCount>0</videoCount>
<maxUsers>25</maxUsers>
<moderatorCount>1</moderatorCount>
<attendees>
<attendee>
<userID>w_1</userID>
<fullName>Ada</fullName>
<role>MODERATOR</role>
<isPresenter>true</isPresenter>
<isListeningOnly>false</isListeningOnly>
<hasJoinedVoice>true</hasJoinedVoice>
<hasVideo>false</hasVideo>
<clientType>HTML5</clientType>
<customdata/>
</attendee>
<attendee>
<userID>w_2</userID>
<fullName>Bob</fullName>
<role>VIEWER</role>
<isPresenter>false</isPresenter>
<isListeningOnly>true</isListeningOnly>
<hasJoinedVoice>false</hasJoinedVoice>
<hasVideo>false</hasVideo>
<clientType>HTML5</clientType>
<customdata></customdata>
</attendee>
</attendees>
<metadata>
<origin>switchboard</origin>
<bbb-origin-server-name>example.org</bbb-origin-server-name>
</metadata>
<isBreakout>false</isBreakout>
</response>`

const noMeetingsXML = `<response>
<returncode>SUCCESS</returncode>
<meetings/>
<messageKey>noMeetings</messageKey>
<message>no meetings were found on this server</message>
</response>`

const endXML = `<response>
<returncode>SUCCESS</returncode>
<messageKey>sentEndMeetingRequest</messageKey>
<message>A request to end the meeting was sent.  Please wait a few seconds, and then use the getMeetingInfo or isMeetingRunning API calls to verify that it was ended.</message>
</response>`

const notFoundXML = `<response><returncode>FAILED</returncode><messageKey>notFound</messageKey><message>A meeting with that ID does not exist</message></response>`

func TestParseExamples(t *testing.T) {
	ctx := context.Background()
	c := NewClient(nil)
	t.Run("create duplicateWarning", func(t *testing.T) {
		got, err := c.Create(ctx, fixedNode(t, 200, ContentTypeXML, createDuplicateXML), CreateParams{MeetingID: "Test", Name: "Test"})
		if err != nil {
			t.Fatal(err)
		}
		want := &CreateResponse{MeetingID: "Test", InternalMeetingID: "640ab2bae07bedc4c163f679a746f7ab7fb5d1fa-1531155809613",
			ParentMeetingID: "bbb-none", AttendeePW: "ap", ModeratorPW: "mp", CreateTime: 1531155809613, VoiceBridge: "70757",
			DialNumber: "613-555-1234", CreateDate: "Mon Jul 09 17:03:29 UTC 2018", MessageKey: "duplicateWarning",
			Message: "This conference was already in existence and may currently be in progress."}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("got %+v\nwant %+v", got, want)
		}
	})
	t.Run("join redirect=false", func(t *testing.T) {
		var out JoinResponseXML
		if err := c.get(ctx, fixedNode(t, 200, "text/xml", joinXML), "join", url.Values{}, &out); err != nil {
			t.Fatal(err)
		}
		if out.SessionToken != "ai1wqj8wb6s7rnk0" || out.URL != "https://host/html5client/join?sessionToken=ai1wqj8wb6s7rnk0" || out.UserID != "w_euxnssffnsbs" {
			t.Fatalf("got %+v", out)
		}
	})
	t.Run("isMeetingRunning", func(t *testing.T) {
		running, err := c.IsMeetingRunning(ctx, fixedNode(t, 200, "text/xml", `<response><returncode>SUCCESS</returncode><running>true</running></response>`), "x")
		if err != nil || !running {
			t.Fatalf("running=%v err=%v", running, err)
		}
	})
	t.Run("getMeetingInfo attendees and metadata", func(t *testing.T) {
		m, err := c.GetMeetingInfo(ctx, fixedNode(t, 200, "text/xml", meetingInfoXML), "room-1")
		if err != nil {
			t.Fatal(err)
		}
		if m.MeetingName != "Demo & Co" || !m.Running || m.ParticipantCount != 2 || m.ModeratorCount != 1 || m.MaxUsers != 25 || m.StartTime != 1531155809700 {
			t.Fatalf("fields: %+v", m)
		}
		wantAtt := []Attendee{
			{UserID: "w_1", FullName: "Ada", Role: "MODERATOR", IsPresenter: true, HasJoinedVoice: true, ClientType: "HTML5"},
			{UserID: "w_2", FullName: "Bob", Role: "VIEWER", IsListeningOnly: true, ClientType: "HTML5"},
		}
		if !reflect.DeepEqual(m.Attendees, wantAtt) {
			t.Fatalf("attendees %+v", m.Attendees)
		}
		wantMeta := map[string]string{"origin": "switchboard", "bbb-origin-server-name": "example.org"}
		if !reflect.DeepEqual(m.Metadata, wantMeta) {
			t.Fatalf("metadata %v", m.Metadata)
		}
	})
	t.Run("getMeetings noMeetings", func(t *testing.T) {
		ms, err := c.GetMeetings(ctx, fixedNode(t, 200, "text/xml", noMeetingsXML))
		if err != nil || len(ms) != 0 {
			t.Fatalf("ms=%v err=%v", ms, err)
		}
	})
	t.Run("end", func(t *testing.T) {
		if err := c.End(ctx, fixedNode(t, 200, "text/xml", endXML), "x"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("notFound", func(t *testing.T) {
		_, err := c.GetMeetingInfo(ctx, fixedNode(t, 200, "text/xml", notFoundXML), "x")
		var be *Error
		if !errors.As(err, &be) || be.MessageKey != "notFound" || be.Message != "A meeting with that ID does not exist" || !IsNotFound(err) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestRoundTripMeetingXML(t *testing.T) {
	in := Meeting{MeetingName: "a<b", MeetingID: "m", Running: true, ParticipantCount: 1, ModeratorCount: 1,
		Attendees: []Attendee{{UserID: "u", FullName: "Ada\nLovelace", Role: "MODERATOR", ClientType: "HTML5"}},
		Metadata:  map[string]string{"k": "v"}, IsBreakout: true, ParentMeetingID: "p", Sequence: 2, FreeJoin: true}
	body, err := EncodeXML(MeetingInfoResponseXML{ReturnCode: ReturnSuccess, MeetingXML: in.ToXML()})
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(body)), "\n") {
		if strings.HasPrefix(line, " ") || strings.Count(line, "<") > 2 {
			t.Fatalf("not one element per line: %q", line)
		}
	}
	var out MeetingInfoResponseXML
	c := NewClient(nil)
	if err := c.get(context.Background(), fixedNode(t, 200, ContentTypeXML, string(body)), "getMeetingInfo", url.Values{}, &out); err != nil {
		t.Fatal(err)
	}
	if got := out.MeetingXML.Meeting(); !reflect.DeepEqual(got, in) {
		t.Fatalf("round trip:\n got %+v\nwant %+v\n%s", got, in, body)
	}
	empty, _ := EncodeXML(MeetingsResponseXML{ReturnCode: ReturnSuccess, MessageKey: KeyNoMeetings, Message: "x"})
	if !strings.Contains(string(empty), "<meetings></meetings>") {
		t.Fatalf("empty meetings element missing:\n%s", empty)
	}
}

func TestClientErrors(t *testing.T) {
	big := "<response><returncode>SUCCESS</returncode><meetings>" + strings.Repeat("<meeting></meeting>", 300000) + "</meetings></response>"
	tests := []struct {
		name, ctype, body string
		status            int
		want              string
	}{
		{"500", "text/plain", "oops", 500, "node answered HTTP 500"},
		{"html", "text/html; charset=utf-8", "<html><body>502 Bad Gateway</body></html>", 200, "node answered non-XML (text/html)"},
		{"empty", "text/xml", "", 200, "empty response body"},
		{"garbage", "text/xml", "garbage<<<", 200, "node answered invalid XML (text/xml)"},
		{"no returncode", "text/xml", "<response><x/></response>", 200, "node answered XML without a returncode"},
		{"oversized", "text/xml", big, 200, "response larger than 4 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewClient(nil).GetMeetings(context.Background(), fixedNode(t, tt.status, tt.ctype, tt.body))
			if err == nil || err.Error() != tt.want {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
		})
	}
	t.Run("deadline", func(t *testing.T) {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
		defer ts.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, err := NewClient(nil).GetMeetings(ctx, Server{APIURL: ts.URL, Secret: "s"})
		if !errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "checksum") {
			t.Fatalf("got %v", err)
		}
	})
}

func TestURLSigning(t *testing.T) {
	c := NewClient(nil)
	s := Server{APIURL: "http://h/bigbluebutton/api/", Secret: goldenSecret, Algorithm: SHA1}
	got := c.URLRaw(s, "create", goldenQuery)
	want := "http://h/bigbluebutton/api/create?" + goldenQuery + "&checksum=1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"
	if got != want {
		t.Fatalf("got %s", got)
	}
	if got := c.URL(s, "getMeetings", nil); got != "http://h/bigbluebutton/api/getMeetings?checksum="+Checksum(SHA1, "getMeetings", "", goldenSecret) {
		t.Fatalf("no-param URL %s", got)
	}
	f := false
	j := c.JoinURL(Server{APIURL: "http://h/api", Secret: "s"}, JoinParams{MeetingID: "m", FullName: "A B", Role: "VIEWER", Redirect: &f})
	u, _ := url.Parse(j)
	if u.Query().Get("redirect") != "false" || len(u.Query().Get("checksum")) != 64 {
		t.Fatalf("join url %s", j)
	}
}

func TestMeetingLoadsMatchGetMeetings(t *testing.T) {
	body := `<response>
<returncode>SUCCESS</returncode>
<meetings>
<meeting>
<meetingName>A</meetingName>
<meetingID>room1</meetingID>
<participantCount>3</participantCount>
<attendees><attendee><userID>u1</userID><fullName>Ada</fullName><role>MODERATOR</role></attendee></attendees>
<metadata><participantCount>99</participantCount></metadata>
</meeting>
<meeting>
<meetingID>room10</meetingID>
<participantCount>0</participantCount>
</meeting>
</meetings>
</response>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml;charset=utf-8")
		io.WriteString(w, body)
	}))
	defer srv.Close()
	c := NewClient(nil)
	s := Server{APIURL: srv.URL + "/bigbluebutton/api", Secret: "x"}
	loads, err := c.MeetingLoads(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	want := []MeetingLoad{{MeetingID: "room1", ParticipantCount: 3}, {MeetingID: "room10", ParticipantCount: 0}}
	if len(loads) != 2 || loads[0] != want[0] || loads[1] != want[1] {
		t.Fatalf("loads = %+v, want %+v", loads, want)
	}
	full, err := c.GetMeetings(context.Background(), s)
	if err != nil || len(full) != 2 || full[0].ParticipantCount != 3 {
		t.Fatalf("GetMeetings = %+v, %v", full, err)
	}
}

func TestMeetingLoadsEmptyAndFailed(t *testing.T) {
	for name, tc := range map[string]struct {
		body    string
		wantErr bool
	}{
		"empty server":  {"<response>\n<returncode>SUCCESS</returncode>\n<meetings/>\n<messageKey>noMeetings</messageKey>\n<message>no meetings were found on this server</message>\n</response>", false},
		"failed":        {"<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey><message>Checksums do not match</message></response>", true},
		"no returncode": {"<response><meetings/></response>", true},
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/xml")
				io.WriteString(w, tc.body)
			}))
			defer srv.Close()
			loads, err := NewClient(nil).MeetingLoads(context.Background(), Server{APIURL: srv.URL, Secret: "x"})
			if (err != nil) != tc.wantErr || len(loads) != 0 {
				t.Fatalf("loads %v err %v", loads, err)
			}
		})
	}
}
