package bbbsim

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"switchboard/backend/internal/bbb"
)

func startSim(t *testing.T, nodes int) (*Sim, string, *bbb.Client) {
	t.Helper()
	sim := New(Options{Nodes: nodes, Secret: "test-secret"})
	base, err := sim.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	return sim, base, bbb.NewClient(nil)
}

func server(sim *Sim, i int, alg bbb.Algorithm) bbb.Server {
	return bbb.Server{APIURL: sim.NodeAPIURL(i), Secret: sim.Secret(), Algorithm: alg}
}

func get(t *testing.T, u string) (int, http.Header, string) {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func TestMeetingFlow(t *testing.T) {
	sim, _, c := startSim(t, 2)
	ctx := context.Background()
	s := server(sim, 2, bbb.SHA256)

	cr, err := c.Create(ctx, s, bbb.CreateParams{MeetingID: "room-1", Name: "Room & 1", MaxParticipants: 10, Meta: map[string]string{"Origin": "switchboard"}})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha1.Sum([]byte("room-1"))
	if cr.MessageKey != "" || cr.ParentMeetingID != "bbb-none" || len(cr.AttendeePW) == 0 ||
		cr.InternalMeetingID != hex.EncodeToString(sum[:])+"-"+itoa(cr.CreateTime) {
		t.Fatalf("create: %+v", cr)
	}
	if running, _ := c.IsMeetingRunning(ctx, s, "room-1"); running {
		t.Fatal("running before anyone joined")
	}

	// join with redirect: 302 to the node's join page, which names node, meeting and role
	code, hdr, _ := get(t, c.JoinURL(s, bbb.JoinParams{MeetingID: "room-1", FullName: "Ada", Role: "MODERATOR", UserID: "u1"}))
	if code != http.StatusFound || !strings.Contains(hdr.Get("Location"), "/n/2/client/join?sessionToken=") {
		t.Fatalf("join redirect: %d %v", code, hdr)
	}
	code, _, page := get(t, hdr.Get("Location"))
	for _, want := range []string{"<h1>bbbsim node 2</h1>", `data-node="2"`, `data-meeting-id="room-1"`, `data-role="MODERATOR"`, `data-user="Ada"`, "Role: MODERATOR"} {
		if code != 200 || !strings.Contains(page, want) {
			t.Fatalf("join page lacks %q:\n%s", want, page)
		}
	}

	// join with redirect=false answers XML
	f := false
	code, hdr, body := get(t, c.JoinURL(s, bbb.JoinParams{MeetingID: "room-1", FullName: "Bob", Role: "VIEWER", Redirect: &f}))
	if code != 200 || hdr.Get("Content-Type") != bbb.ContentTypeXML || !strings.Contains(body, "<messageKey>successfullyJoined</messageKey>\n") ||
		!strings.Contains(body, "<url>"+sim.BaseURL()+"/n/2/client/join?sessionToken=") {
		t.Fatalf("join redirect=false: %d %s", code, body)
	}

	m, err := c.GetMeetingInfo(ctx, s, "room-1")
	if err != nil {
		t.Fatal(err)
	}
	if !m.Running || m.ParticipantCount != 2 || m.ModeratorCount != 1 || len(m.Attendees) != 2 || m.MeetingName != "Room & 1" ||
		m.MaxUsers != 10 || m.Metadata["origin"] != "switchboard" || m.InternalMeetingID != cr.InternalMeetingID {
		t.Fatalf("getMeetingInfo: %+v", m)
	}
	ms, err := c.GetMeetings(ctx, s)
	if err != nil || len(ms) != 1 || ms[0].ParticipantCount != 2 {
		t.Fatalf("getMeetings: %+v %v", ms, err)
	}
	if other, err := c.GetMeetings(ctx, server(sim, 1, bbb.SHA1)); err != nil || len(other) != 0 {
		t.Fatalf("node 1 should be empty: %v %v", other, err)
	}
	if err := c.End(ctx, s, "room-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetMeetingInfo(ctx, s, "room-1"); !bbb.IsNotFound(err) {
		t.Fatalf("after end: %v", err)
	}
	if err := c.End(ctx, s, "room-1"); !bbb.IsNotFound(err) {
		t.Fatalf("end twice: %v", err)
	}
	if st := sim.Stats(2); st.Meetings != 0 || st.CreateCalls != 1 {
		t.Fatalf("stats: %+v", st)
	}
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// TestRawCreateOutput checks the bytes: bbb-api.md's element order, one element per line, content type.
func TestRawCreateOutput(t *testing.T) {
	sim, _, c := startSim(t, 1)
	q := "name=T&meetingID=Test&attendeePW=ap&moderatorPW=mp"
	_, hdr, body := get(t, c.URLRaw(server(sim, 1, bbb.SHA1), "create", q))
	lines := strings.Split(strings.TrimSpace(body), "\n")
	want := []string{"<response>", "<returncode>SUCCESS</returncode>", "<meetingID>Test</meetingID>", "<internalMeetingID>",
		"<parentMeetingID>bbb-none</parentMeetingID>", "<attendeePW>ap</attendeePW>", "<moderatorPW>mp</moderatorPW>",
		"<createTime>", "<voiceBridge>", "<dialNumber>", "<createDate>", "<hasUserJoined>false</hasUserJoined>",
		"<duration>0</duration>", "<hasBeenForciblyEnded>false</hasBeenForciblyEnded>", "<messageKey></messageKey>",
		"<message></message>", "</response>"}
	if hdr.Get("Content-Type") != "text/xml;charset=utf-8" || len(lines) != len(want) {
		t.Fatalf("%v\n%s", hdr, body)
	}
	for i := range want {
		if !strings.HasPrefix(lines[i], want[i]) {
			t.Fatalf("line %d = %q, want prefix %q", i, lines[i], want[i])
		}
	}
}

func TestDuplicateCreate(t *testing.T) {
	sim, _, c := startSim(t, 1)
	ctx := context.Background()
	s := server(sim, 1, bbb.SHA1)
	first, err := c.Create(ctx, s, bbb.CreateParams{MeetingID: "m", Name: "M"})
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.Create(ctx, s, bbb.CreateParams{MeetingID: "m", Name: "M"})
	if err != nil || again.MessageKey != bbb.KeyDuplicateWarning || again.InternalMeetingID != first.InternalMeetingID {
		t.Fatalf("duplicate: %+v %v", again, err)
	}
	_, err = c.Create(ctx, s, bbb.CreateParams{MeetingID: "m", Name: "M", Extra: url.Values{"moderatorPW": {"other"}}})
	if !bbb.IsMessageKey(err, bbb.KeyIDNotUnique) {
		t.Fatalf("different password: %v", err)
	}
	if _, err := c.Create(ctx, s, bbb.CreateParams{MeetingID: "", Name: "x"}); !bbb.IsMessageKey(err, bbb.KeyValidationError) {
		t.Fatalf("missing meetingID: %v", err)
	}
	if _, err := c.GetMeetingInfo(ctx, s, ""); !bbb.IsMessageKey(err, bbb.KeyValidationError) {
		t.Fatalf("getMeetingInfo missing meetingID: %v", err)
	}
	if sim.Stats(1).CreateCalls != 3 {
		t.Fatalf("create calls: %+v", sim.Stats(1))
	}
}

func TestChecksums(t *testing.T) {
	sim, _, c := startSim(t, 1)
	for _, alg := range []bbb.Algorithm{bbb.SHA1, bbb.SHA256, bbb.SHA384, bbb.SHA512} {
		t.Run(string(alg), func(t *testing.T) {
			good := server(sim, 1, alg)
			if _, err := c.GetMeetings(context.Background(), good); err != nil {
				t.Fatalf("good secret: %v", err)
			}
			bad := good
			bad.Secret = "wrong"
			_, err := c.GetMeetings(context.Background(), bad)
			var be *bbb.Error
			if !errors.As(err, &be) || be.MessageKey != "checksumError" || be.Message != "Checksums do not match" {
				t.Fatalf("bad secret: %v", err)
			}
		})
	}
	t.Run("missing", func(t *testing.T) {
		_, _, body := get(t, sim.NodeAPIURL(1)+"/getMeetings")
		if !strings.Contains(body, "<message>You must provide the checksum</message>") {
			t.Fatal(body)
		}
	})
	t.Run("parameter after checksum", func(t *testing.T) {
		q := "meetingID=after&name=After"
		u := sim.NodeAPIURL(1) + "/create?meetingID=after&checksum=" + bbb.Checksum(bbb.SHA256, "create", q, sim.Secret()) + "&name=After"
		if _, _, body := get(t, u); !strings.Contains(body, "<returncode>SUCCESS</returncode>") {
			t.Fatal(body)
		}
		// dropping the trailing parameter (what tinyscale does) must break the checksum
		u = sim.NodeAPIURL(1) + "/create?meetingID=after&checksum=" + bbb.Checksum(bbb.SHA256, "create", "meetingID=after", sim.Secret()) + "&name=After"
		if _, _, body := get(t, u); !strings.Contains(body, "checksumError") {
			t.Fatal(body)
		}
	})
	t.Run("root needs no checksum", func(t *testing.T) {
		code, hdr, body := get(t, sim.NodeAPIURL(1))
		if code != 200 || hdr.Get("Content-Type") != bbb.ContentTypeXML || !strings.Contains(body, "<apiVersion>2.0</apiVersion>") {
			t.Fatal(code, body)
		}
	})
}

func TestPostCreate(t *testing.T) {
	sim, _, c := startSim(t, 1)
	form := url.Values{"meetingID": {"posted"}, "name": {"Posted room"}, "meta_Foo": {"Bar"}}
	keys := "meetingID=posted&meta_Foo=Bar&name=Posted+room" // sorted by key, values escaped
	form.Set("checksum", bbb.Checksum(bbb.SHA512, "create", keys, sim.Secret()))
	resp, err := http.PostForm(sim.NodeAPIURL(1)+"/create", form)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "<returncode>SUCCESS</returncode>") {
		t.Fatal(string(body))
	}
	m, err := c.GetMeetingInfo(context.Background(), server(sim, 1, ""), "posted")
	if err != nil || m.Metadata["foo"] != "Bar" || m.MeetingName != "Posted room" {
		t.Fatalf("%+v %v", m, err)
	}

	// POST with the parameters in the URL and an XML body (presentation modules), as BBB clients do
	q := "meetingID=posted2&name=P2"
	u := c.URLRaw(server(sim, 1, bbb.SHA1), "create", q)
	resp, err = http.Post(u, "application/xml", strings.NewReader("<modules/>"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "<meetingID>posted2</meetingID>") {
		t.Fatal(string(body))
	}
}

func TestFailModes(t *testing.T) {
	sim, base, c := startSim(t, 2)
	s := server(sim, 1, "")
	tests := []struct {
		mode FailMode
		want string
	}{
		{Fail500, "node answered HTTP 500"},
		{FailHTML, "node answered non-XML (text/html)"},
		{FailEmpty, "empty response body"},
		{FailGarbage, "node answered invalid XML (text/xml)"},
		{FailRefuse, "node unreachable"},
		{FailTimeout, "context deadline exceeded"},
	}
	for _, tt := range tests {
		t.Run(string(tt.mode), func(t *testing.T) {
			resp, err := http.Post(base+"/control/n/1/fail?mode="+string(tt.mode), "", nil)
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("control: %v %v", resp, err)
			}
			resp.Body.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			_, err = c.GetMeetings(ctx, s)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
			if _, err := c.GetMeetings(context.Background(), server(sim, 2, "")); err != nil {
				t.Fatalf("node 2 must stay healthy: %v", err)
			}
			if err := sim.Heal(1); err != nil {
				t.Fatal(err)
			}
			if _, err := c.GetMeetings(context.Background(), s); err != nil {
				t.Fatalf("after heal: %v", err)
			}
		})
	}
	if err := sim.Fail(1, "bogus"); err == nil {
		t.Fatal("bogus mode accepted")
	}
	if err := sim.Fail(3, Fail500); err == nil {
		t.Fatal("node 3 accepted")
	}
	t.Run("latency", func(t *testing.T) {
		_ = sim.SetLatency(1, 500*time.Millisecond)
		defer sim.Heal(1)
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		if _, err := c.GetMeetings(ctx, s); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("latency: %v", err)
		}
	})
}

func TestControlAPI(t *testing.T) {
	sim, base, c := startSim(t, 3)
	ctx := context.Background()
	post := func(path string) int {
		resp, err := http.Post(base+path, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("/control/n/3/participants?meetingID=big&count=40"); code != 200 {
		t.Fatal(code)
	}
	_ = sim.Preload(3, "small", 2)
	m, err := c.GetMeetingInfo(ctx, server(sim, 3, ""), "big")
	if err != nil || !m.Running || m.ParticipantCount != 40 || len(m.Attendees) != 40 {
		t.Fatalf("preload: %+v %v", m, err)
	}
	if code := post("/control/n/3/leave?meetingID=big&count=15"); code != 200 {
		t.Fatal(code)
	}
	var st NodeStats
	_, _, body := get(t, base+"/control/n/3/stats")
	if err := json.Unmarshal([]byte(body), &st); err != nil || st.Meetings != 2 || st.Participants != 27 || len(st.MeetingIDs) != 2 {
		t.Fatalf("stats %s", body)
	}
	_ = sim.Leave(3, "small", 5) // the last one out ends the meeting
	if st := sim.Stats(3); st.Meetings != 1 {
		t.Fatalf("emptied meeting should end: %+v", st)
	}
	if code := post("/control/n/3/cpu?value=0.73"); code != 200 {
		t.Fatal(code)
	}
	if _, _, body := get(t, base+"/control/n/3/cpu"); !strings.Contains(body, `"cpu":0.73`) {
		t.Fatal(body)
	}
	if code := post("/control/n/3/end-all"); code != 200 || sim.Stats(3).Meetings != 0 {
		t.Fatal(code, sim.Stats(3))
	}
	if code := post("/control/n/9/heal"); code != 404 {
		t.Fatalf("unknown node: %d", code)
	}
	if code := post("/control/n/1/fail?mode=nope"); code != 400 {
		t.Fatalf("bad mode: %d", code)
	}
	var nodes []NodeInfo
	_, _, body = get(t, base+"/control/nodes")
	if err := json.Unmarshal([]byte(body), &nodes); err != nil || len(nodes) != 3 || nodes[2].CPU != 0.73 || nodes[0].APIURL != sim.NodeAPIURL(1) {
		t.Fatalf("nodes %s", body)
	}
}

func TestRecordings(t *testing.T) {
	sim, _, c := startSim(t, 1)
	ctx := context.Background()
	s := server(sim, 1, "")
	rs, err := c.GetRecordings(ctx, s, nil)
	if err != nil || len(rs) != 0 {
		t.Fatalf("empty: %v %v", rs, err)
	}
	if _, err := c.Create(ctx, s, bbb.CreateParams{MeetingID: "rec", Name: "Rec", Record: true}); err != nil {
		t.Fatal(err)
	}
	_ = sim.Preload(1, "rec", 3)
	_ = c.End(ctx, s, "rec")
	rs, err = c.GetRecordings(ctx, s, url.Values{"meetingID": {"rec"}})
	if err != nil || len(rs) != 1 || !rs[0].Published || rs[0].Participants != 3 {
		t.Fatalf("recordings: %+v %v", rs, err)
	}
}

// TestConcurrent exercises locking under -race with many nodes.
func TestConcurrent(t *testing.T) {
	sim, _, c := startSim(t, 50)
	ctx := context.Background()
	var wg sync.WaitGroup
	for i := 1; i <= 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s := server(sim, i, "")
			for k := 0; k < 5; k++ {
				id := "m" + itoa(int64(k))
				if _, err := c.Create(ctx, s, bbb.CreateParams{MeetingID: id, Name: id}); err != nil {
					t.Error(err)
					return
				}
				_ = sim.Preload(i, id, 3)
				_, _ = c.GetMeetings(ctx, s)
				_ = sim.Stats(i)
			}
		}(i)
	}
	wg.Wait()
	total := 0
	for i := 1; i <= 50; i++ {
		total += sim.Stats(i).Participants
	}
	if total != 50*5*3 {
		t.Fatalf("participants %d", total)
	}
}
