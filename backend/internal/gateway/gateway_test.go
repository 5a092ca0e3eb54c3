package gateway_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"

	"switchboard/backend/internal/bbb"
	"switchboard/backend/internal/bbbsim"
	"switchboard/backend/internal/cluster"
	"switchboard/backend/internal/core"
)

func TestRootAndUnsupported(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	for _, p := range []string{"/bigbluebutton/api", "/bigbluebutton/api/"} {
		x := e.want(e.get(e.srv.URL+p), bbb.ReturnSuccess, "")
		if x.Version != "2.0" {
			t.Fatalf("root version %q", x.Version)
		}
	}
	e.want(e.call("getDefaultConfigXML", ""), bbb.ReturnFailed, "unsupportedRequest")
	e.want(e.call("hooks/create", ""), bbb.ReturnFailed, "unsupportedRequest")
}

func TestChecksums(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	for _, alg := range []bbb.Algorithm{bbb.SHA1, bbb.SHA256, bbb.SHA384, bbb.SHA512} {
		e.want(e.get(e.urlWith("getMeetings", "", secret, alg)), bbb.ReturnSuccess, "")
		e.want(e.get(e.urlWith("isMeetingRunning", "meetingID=x", secret, alg)), bbb.ReturnSuccess, "")
		// rotation: the old secret still works
		e.want(e.get(e.urlWith("getMeetings", "", oldSecret, alg)), bbb.ReturnSuccess, "")
		x := e.want(e.get(e.urlWith("getMeetings", "", "wrong", alg)), bbb.ReturnFailed, bbb.KeyChecksumError)
		if x.Message != "Checksums do not match" {
			t.Fatalf("message %q", x.Message)
		}
	}
	// upper-case hex is accepted, as bbb-web compares case-insensitively
	sum := strings.ToUpper(bbb.Checksum(bbb.SHA256, "getMeetings", "", secret))
	e.want(e.get(e.srv.URL+"/bigbluebutton/api/getMeetings?checksum="+sum), bbb.ReturnSuccess, "")

	x := e.want(e.get(e.srv.URL+"/bigbluebutton/api/getMeetings"), bbb.ReturnFailed, bbb.KeyChecksumError)
	if x.Message != "You must provide the checksum" {
		t.Fatalf("missing checksum message %q", x.Message)
	}
	e.want(e.get(e.srv.URL+"/bigbluebutton/api/getMeetings?checksum=abc"), bbb.ReturnFailed, bbb.KeyChecksumError)
	// a tampered query fails
	u := strings.Replace(e.url("create", "name=a&meetingID=tamper"), "meetingID=tamper", "meetingID=other", 1)
	e.want(e.get(u), bbb.ReturnFailed, bbb.KeyChecksumError)
	if e.hostOf("other") != 0 || e.hostOf("tamper") != 0 {
		t.Fatal("a request with a bad checksum reached a node")
	}
}

func TestMeetingLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{nodes: 3})
	host := e.create("life", "record=true", "maxParticipants=25", "meta_origin=test")
	if host == 0 || e.liveNode("life") != host {
		t.Fatalf("meeting on node %d, table says %d", host, e.liveNode("life"))
	}
	if x := e.want(e.call("isMeetingRunning", "meetingID=life"), bbb.ReturnSuccess, ""); x.Running {
		t.Fatal("running before anyone joined")
	}

	// join: 302 to the hosting node's own join call, re-signed with its secret and algorithm
	loc := e.join("fullName=Ada+Lovelace&meetingID=life&role=MODERATOR&userID=u1")
	if !strings.HasPrefix(loc.String(), e.sim.NodeAPIURL(host)+"/join?") {
		t.Fatalf("join redirects to %s, want node %d", loc, host)
	}
	q, _ := url.ParseQuery(loc.RawQuery)
	if q.Get("fullName") != "Ada Lovelace" || q.Get("userID") != "u1" || q.Get("role") != "MODERATOR" {
		t.Fatalf("join lost parameters: %s", loc.RawQuery)
	}
	// the node accepts our signature: following the redirect joins Ada
	a := e.get(loc.String())
	if a.status != http.StatusFound || !strings.Contains(a.header.Get("Location"), "/client/join?sessionToken=") {
		t.Fatalf("node refused the re-signed join: %d %s", a.status, a.body)
	}

	if x := e.want(e.call("isMeetingRunning", "meetingID=life"), bbb.ReturnSuccess, ""); !x.Running {
		t.Fatal("not running after a join")
	}
	info := e.call("getMeetingInfo", "meetingID=life")
	x := e.want(info, bbb.ReturnSuccess, "")
	if x.MeetingID != "life" || info.meta("origin") != "test" || !strings.Contains(info.body, "<fullName>Ada Lovelace</fullName>") {
		t.Fatalf("getMeetingInfo:\n%s", info.body)
	}
	ms := e.want(e.call("getMeetings", ""), bbb.ReturnSuccess, "").Meetings
	if len(ms) != 1 || ms[0].MeetingID != "life" || ms[0].ParticipantCount != 1 {
		t.Fatalf("getMeetings: %+v", ms)
	}

	// redirect=false: the node's XML, with its client URL
	x = e.want(e.call("join", "fullName=Bob&meetingID=life&role=VIEWER&redirect=false"), bbb.ReturnSuccess, "successfullyJoined")
	if !strings.Contains(x.URL, "/client/join?sessionToken=") {
		t.Fatalf("join redirect=false url %q", x.URL)
	}

	e.want(e.call("end", "meetingID=life"), bbb.ReturnSuccess, "sentEndMeetingRequest")
	if e.liveNode("life") != 0 {
		t.Fatal("end did not mark the meeting ended in the table")
	}
	e.want(e.call("getMeetingInfo", "meetingID=life"), bbb.ReturnFailed, bbb.KeyNotFound)
	e.want(e.call("end", "meetingID=life"), bbb.ReturnFailed, bbb.KeyNotFound)
	if x := e.want(e.call("isMeetingRunning", "meetingID=life"), bbb.ReturnSuccess, ""); x.Running {
		t.Fatal("running after end")
	}

	// recordings: the ended record=true meeting left one on its node
	recs := e.want(e.call("getRecordings", "meetingID=life"), bbb.ReturnSuccess, "").Recordings
	if len(recs) != 1 || recs[0].MeetingID != "life" {
		t.Fatalf("getRecordings: %+v", recs)
	}
	x = e.want(e.call("getRecordings", "meetingID=nothing"), bbb.ReturnSuccess, "noRecordings")
	if len(x.Recordings) != 0 {
		t.Fatalf("filter ignored: %+v", x.Recordings)
	}
	if n := len(e.want(e.call("getRecordings", "recordID="+recs[0].RecordID), bbb.ReturnSuccess, "").Recordings); n != 1 {
		t.Fatalf("getRecordings by recordID: %d", n)
	}
	e.want(e.call("publishRecordings", "publish=false"), bbb.ReturnFailed, "missingParamRecordID")
	// publish/update/delete reach the one node holding the recording.
	id := recs[0].RecordID
	e.want(e.call("publishRecordings", "recordID="+id+"&publish=false"), bbb.ReturnSuccess, "")
	if r := e.want(e.call("getRecordings", "recordID="+id), bbb.ReturnSuccess, "").Recordings; len(r) != 1 || r[0].Published {
		t.Fatalf("after unpublish: %+v", r)
	}
	e.want(e.call("updateRecordings", "recordID="+id+"&meta_course=Bio"), bbb.ReturnSuccess, "")
	if r := e.want(e.call("getRecordings", "recordID="+id), bbb.ReturnSuccess, "").Recordings; len(r) != 1 || r[0].Metadata["course"] != "Bio" {
		t.Fatalf("after update: %+v", r)
	}
	e.want(e.call("deleteRecordings", "recordID="+id), bbb.ReturnSuccess, "")
	e.want(e.call("getRecordings", "recordID="+id), bbb.ReturnSuccess, "noRecordings")
	e.want(e.call("deleteRecordings", "recordID="+id), bbb.ReturnFailed, bbb.KeyNotFound)

	// every call is counted by result
	if v := e.counter("create", "success"); v != 1 {
		t.Fatalf("create success counter %v", v)
	}
	if v := e.counter("end", "failed"); v != 1 {
		t.Fatalf("end failed counter %v", v)
	}
}

func TestUnknownMeeting(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	e.want(e.call("join", "fullName=A&meetingID=nope&role=VIEWER"), bbb.ReturnFailed, bbb.KeyNotFound)
	e.want(e.call("getMeetingInfo", "meetingID=nope"), bbb.ReturnFailed, bbb.KeyNotFound)
	e.want(e.call("end", "meetingID=nope"), bbb.ReturnFailed, bbb.KeyNotFound)
	e.want(e.call("insertDocument", "meetingID=nope"), bbb.ReturnFailed, bbb.KeyNotFound)
	if e.want(e.call("isMeetingRunning", "meetingID=nope"), bbb.ReturnSuccess, "").Running {
		t.Fatal("unknown meeting running")
	}
	for _, call := range []string{"create", "join", "getMeetingInfo", "end", "isMeetingRunning", "insertDocument"} {
		e.want(e.call(call, "name=x"), bbb.ReturnFailed, bbb.KeyValidationError)
	}
	e.want(e.call("getMeetings", ""), bbb.ReturnSuccess, bbb.KeyNoMeetings)
}

// tinyscale matches meeting IDs as substrings; here room1 and room10 each reach their own node.
func TestRoutingIsExact(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{nodes: 2})
	n1 := e.create("room1")
	n10 := e.create("room10")
	if n1 == n10 {
		t.Fatalf("both meetings on node %d: the first create's reserved seats were not counted", n1)
	}
	for id, host := range map[string]int{"room1": n1, "room10": n10} {
		loc := e.join("fullName=X&role=VIEWER&meetingID=" + id)
		if !strings.HasPrefix(loc.String(), e.sim.NodeAPIURL(host)+"/") {
			t.Fatalf("join %s went to %s, want node %d", id, loc, host)
		}
		if x := e.want(e.call("getMeetingInfo", "meetingID="+id), bbb.ReturnSuccess, ""); x.MeetingID != id {
			t.Fatalf("getMeetingInfo %s answered %s", id, x.MeetingID)
		}
	}
	e.want(e.call("end", "meetingID=room1"), bbb.ReturnSuccess, "")
	if e.hostOf("room10") != n10 || e.liveNode("room10") != n10 {
		t.Fatal("ending room1 touched room10")
	}
	if len(e.want(e.call("getMeetings", ""), bbb.ReturnSuccess, "").Meetings) != 1 {
		t.Fatal("getMeetings after end")
	}
}

// A parameter after checksum is part of the signed string (bbb-web strips the checksum by string
// replacement) and must reach the node; + and %20 stay as the client wrote them.
func TestParametersAfterChecksumKept(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	signed := "name=Hello%20World+again&meetingID=after&meta_before=1&meta_after=kept"
	sum := bbb.Checksum(bbb.SHA256, "create", signed, secret)
	u := e.srv.URL + "/bigbluebutton/api/create?name=Hello%20World+again&meetingID=after&meta_before=1&checksum=" + sum + "&meta_after=kept"
	e.want(e.get(u), bbb.ReturnSuccess, "")
	info := e.call("getMeetingInfo", "meetingID=after")
	x := e.want(info, bbb.ReturnSuccess, "")
	if info.meta("after") != "kept" || info.meta("before") != "1" || x.MeetingName != "Hello World again" {
		t.Fatalf("parameters lost:\n%s", info.body)
	}
	// same for join: userID after the checksum reaches the node
	signed = "fullName=Ada&meetingID=after&role=VIEWER&userID=late"
	sum = bbb.Checksum(bbb.SHA1, "join", signed, secret)
	a := e.get(e.srv.URL + "/bigbluebutton/api/join?fullName=Ada&meetingID=after&role=VIEWER&checksum=" + sum + "&userID=late")
	loc, _ := url.Parse(a.header.Get("Location"))
	if a.status != http.StatusFound || loc.Query().Get("userID") != "late" {
		t.Fatalf("join lost userID: %d %s", a.status, a.header.Get("Location"))
	}
}

func TestDuplicateCreateGoesToItsNode(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{nodes: 3})
	host := e.create("dup", "attendeePW=ap", "moderatorPW=mp")
	for range 3 {
		x := e.want(e.call("create", "name=dup&meetingID=dup&attendeePW=ap&moderatorPW=mp"), bbb.ReturnSuccess, bbb.KeyDuplicateWarning)
		if x.AttendeePW != "ap" {
			t.Fatalf("duplicate create: %+v", x)
		}
	}
	if e.hostOf("dup") != host || e.sim.Stats(host).CreateCalls != 4 {
		t.Fatalf("duplicate creates went elsewhere: host %d, calls %d", e.hostOf("dup"), e.sim.Stats(host).CreateCalls)
	}
	// different passwords: the node's own idNotUnique, verbatim
	e.want(e.call("create", "name=dup&meetingID=dup&attendeePW=other"), bbb.ReturnFailed, bbb.KeyIDNotUnique)
	if e.liveNode("dup") != host {
		t.Fatal("a refused duplicate create changed the meeting table")
	}
}

func TestCreateFailedRollsBack(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	// no name: the node says validationError; the client gets the node's XML, the placement is undone
	x := e.want(e.call("create", "meetingID=noname"), bbb.ReturnFailed, bbb.KeyValidationError)
	if x.Message != "You must provide a meeting name" {
		t.Fatalf("not the node's answer: %+v", x)
	}
	if e.liveNode("noname") != 0 {
		t.Fatal("FAILED create left a placement row")
	}
	for _, n := range e.listNodes() {
		if n.Reserved != 0 {
			t.Fatalf("node %s keeps %d reserved seats", n.Name, n.Reserved)
		}
	}
}

func TestPortalPrefixRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	id := core.RoomMeetingID("abc")
	e.want(e.call("create", "name=x&meetingID="+id), bbb.ReturnFailed, bbb.KeyIDNotUnique)
	if e.hostOf(id) != 0 {
		t.Fatal("prefixed create reached a node")
	}

	// a real portal meeting, placed the portal's way, stays invisible and unreachable through the gateway
	room := "abc"
	_, _, err := e.gw.Meetings.Ensure(e.ctx, core.Meeting{RoomID: nil, MeetingID: id, Source: core.SourceRoom},
		func(ctx context.Context, n *core.Node, s bbb.Server) error {
			_, err := e.bbb.Create(ctx, s, bbb.CreateParams{MeetingID: id, Name: "portal " + room})
			return err
		})
	if err != nil {
		t.Fatal(err)
	}
	e.create("gw-meeting")
	e.want(e.call("create", "name=x&meetingID="+id), bbb.ReturnFailed, bbb.KeyIDNotUnique)
	e.want(e.call("join", "fullName=x&role=MODERATOR&meetingID="+id), bbb.ReturnFailed, bbb.KeyNotFound)
	e.want(e.call("getMeetingInfo", "meetingID="+id), bbb.ReturnFailed, bbb.KeyNotFound)
	e.want(e.call("end", "meetingID="+id), bbb.ReturnFailed, bbb.KeyNotFound)
	if e.want(e.call("isMeetingRunning", "meetingID="+id), bbb.ReturnSuccess, "").Running {
		t.Fatal("portal meeting visible")
	}
	ms := e.want(e.call("getMeetings", ""), bbb.ReturnSuccess, "").Meetings
	if len(ms) != 1 || ms[0].MeetingID != "gw-meeting" {
		t.Fatalf("getMeetings shows portal meetings: %+v", ms)
	}
	if e.liveNode(id) == 0 {
		t.Fatal("the portal meeting was ended by the gateway")
	}
}

func TestPostCreateWithBody(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{})
	slides := `<?xml version="1.0" encoding="UTF-8"?><modules><module name="presentation"><document url="https://example.org/a.pdf" filename="a.pdf"/></module></modules>`
	req, _ := http.NewRequest(http.MethodPost, e.url("create", "name=Slides&meetingID=slides&meta_x=after"), strings.NewReader(slides))
	req.Header.Set("Content-Type", "application/xml")
	e.want(e.do(req), bbb.ReturnSuccess, "")
	if e.hostOf("slides") == 0 || e.liveNode("slides") != e.hostOf("slides") {
		t.Fatal("POST create not placed")
	}

	// insertDocument with a body goes to the hosting node
	req, _ = http.NewRequest(http.MethodPost, e.url("insertDocument", "meetingID=slides"), strings.NewReader(slides))
	req.Header.Set("Content-Type", "application/xml")
	e.want(e.do(req), bbb.ReturnSuccess, "")

	// a form POST without URL query: the checksum covers the sorted form; every parameter is forwarded
	form := url.Values{"name": {"Form Meeting"}, "meetingID": {"form"}, "meta_via": {"form"}}
	signed := "meetingID=form&meta_via=form&name=Form+Meeting"
	form.Set("checksum", bbb.Checksum(bbb.SHA256, "create", signed, secret))
	req, _ = http.NewRequest(http.MethodPost, e.srv.URL+"/bigbluebutton/api/create", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	e.want(e.do(req), bbb.ReturnSuccess, "")
	if info := e.call("getMeetingInfo", "meetingID=form"); info.meta("via") != "form" {
		t.Fatalf("form parameters lost:\n%s", info.body)
	}

	// too large
	e.gw.MaxBody = 1 << 10
	req, _ = http.NewRequest(http.MethodPost, e.url("create", "name=Big&meetingID=big"), bytes.NewReader(make([]byte, 2<<10)))
	req.Header.Set("Content-Type", "application/xml")
	a := e.do(req)
	if a.status != http.StatusRequestEntityTooLarge || a.xml().MessageKey != "requestTooLarge" || e.hostOf("big") != 0 {
		t.Fatalf("oversized body: %d %s", a.status, a.body)
	}
}

// Gateway meetings count in placement like portal rooms: a burst spreads over the nodes, and a full
// cluster answers a clear FAILED.
func TestPlacementAndFullCluster(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{nodes: 2, capacity: 10}) // one meeting's reserved floor (10 seats) fills a node
	a, b := e.create("p1"), e.create("p2")
	if a == b {
		t.Fatalf("second create went to the same node %d", a)
	}
	x := e.want(e.call("create", "name=p3&meetingID=p3"), bbb.ReturnFailed, "noAvailableServer")
	if !strings.Contains(x.Message, "full") || e.hostOf("p3") != 0 {
		t.Fatalf("full cluster: %+v", x)
	}
	// a meeting that is already live still answers (duplicateWarning), full or not
	e.want(e.call("create", "name=p1&meetingID=p1"), bbb.ReturnSuccess, bbb.KeyDuplicateWarning)
	// ending frees the seats at once
	e.want(e.call("end", "meetingID=p1"), bbb.ReturnSuccess, "")
	if e.create("p3") != a {
		t.Fatal("freed node not reused")
	}
}

// A node that went silent since the last poll: the create moves on to the next node, and getMeetings
// still answers with the others.
func TestNodeDown(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{nodes: 2})
	e.create("before1")
	e.create("before2")
	down := e.hostOf("before1")
	up := 3 - down
	if err := e.sim.Fail(down, bbbsim.FailRefuse); err != nil {
		t.Fatal(err)
	}
	ms := e.want(e.call("getMeetings", ""), bbb.ReturnSuccess, "").Meetings
	if len(ms) != 1 || ms[0].MeetingID != "before2" {
		t.Fatalf("getMeetings with node %d down: %+v", down, ms)
	}
	for _, id := range []string{"n1", "n2", "n3"} {
		if h := e.create(id); h != up {
			t.Fatalf("create %s landed on node %d, the down one is %d", id, h, down)
		}
	}
	e.want(e.call("getMeetingInfo", "meetingID=before1"), bbb.ReturnFailed, "internalError")

	// a slow node is cut off by the fan-out deadline
	if err := e.sim.Fail(down, bbbsim.FailTimeout); err != nil {
		t.Fatal(err)
	}
	if n := len(e.want(e.call("getMeetings", ""), bbb.ReturnSuccess, "").Meetings); n != 4 {
		t.Fatalf("getMeetings with a hanging node: %d meetings", n)
	}
	if err := e.sim.Fail(down, bbbsim.FailRefuse); err != nil {
		t.Fatal(err)
	}

	// after two failed polls the node is offline: never a redirect there, and create re-places
	e.poll()
	e.poll()
	e.want(e.call("join", "fullName=x&role=VIEWER&meetingID=before1"), bbb.ReturnFailed, bbb.KeyNotFound)
	// (the dead node still holds its old copy in bbbsim's memory, so look at the live node only)
	e.want(e.call("create", "name=again&meetingID=before1"), bbb.ReturnSuccess, "")
	if e.liveNode("before1") != up || !slices.Contains(e.sim.Stats(up).MeetingIDs, "before1") {
		t.Fatalf("re-created on node %d", e.liveNode("before1"))
	}
	loc := e.join("fullName=x&role=VIEWER&meetingID=before1")
	if !strings.HasPrefix(loc.String(), e.sim.NodeAPIURL(up)+"/") {
		t.Fatalf("join after re-create went to %s", loc)
	}

	// every node down: FAILED, not a misleading empty list
	if err := e.sim.Fail(up, bbbsim.FailRefuse); err != nil {
		t.Fatal(err)
	}
	e.want(e.call("getMeetings", ""), bbb.ReturnFailed, "noAvailableServer")
}

func TestCordonedNodeKeepsItsMeetings(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{nodes: 2})
	host := e.create("cord")
	st := core.NodeCordoned
	if _, err := (&cluster.Admin{Nodes: e.db}).Update(e.ctx, e.nodes[host-1].ID, cluster.NodeInput{State: &st}); err != nil {
		t.Fatal(err)
	}
	e.want(e.call("create", "name=cord&meetingID=cord"), bbb.ReturnSuccess, bbb.KeyDuplicateWarning)
	if loc := e.join("fullName=x&role=VIEWER&meetingID=cord"); !strings.HasPrefix(loc.String(), e.sim.NodeAPIURL(host)+"/") {
		t.Fatalf("join went to %s", loc)
	}
	if e.create("fresh") == host {
		t.Fatal("new meeting on a cordoned node")
	}
	if n := len(e.want(e.call("getMeetings", ""), bbb.ReturnSuccess, "").Meetings); n != 2 {
		t.Fatalf("getMeetings skips the cordoned node: %d", n)
	}
}

func (e *env) counter(call, result string) float64 {
	e.t.Helper()
	var m dto.Metric
	if err := e.gw.Metrics.GatewayCalls.WithLabelValues(call, result).Write(&m); err != nil {
		e.t.Fatal(err)
	}
	return m.GetCounter().GetValue()
}

// Concurrent creates of one meetingID: one node, one row, every client gets SUCCESS (the first a fresh
// meeting, the others duplicateWarning from that same node).
func TestConcurrentCreatesOneMeeting(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{nodes: 3})
	u := e.url("create", "name=Burst&meetingID=burst")
	const n = 12
	codes := make(chan string, n)
	for range n {
		go func() {
			resp, err := http.Get(u)
			if err != nil {
				codes <- err.Error()
				return
			}
			defer resp.Body.Close()
			var b bytes.Buffer
			_, _ = b.ReadFrom(resp.Body)
			codes <- answer{status: resp.StatusCode, body: b.String()}.xml().ReturnCode
		}()
	}
	for range n {
		if c := <-codes; c != bbb.ReturnSuccess {
			t.Fatalf("concurrent create answered %s", c)
		}
	}
	host := e.hostOf("burst")
	if host == 0 || e.liveNode("burst") != host {
		t.Fatalf("burst on node %d, table says %d", host, e.liveNode("burst"))
	}
}

// A burst of different meetings between two polls spreads over the nodes: each placement reserves
// seats, so the next one sees the node as fuller (Scalelite's +1 herds them onto one node).
func TestBurstSpreads(t *testing.T) {
	t.Parallel()
	e := newEnv(t, envOptions{nodes: 3})
	per := map[int]int{}
	for i := range 6 {
		per[e.create("spread-"+string(rune('a'+i)))]++
	}
	for node := 1; node <= 3; node++ {
		if per[node] != 2 {
			t.Fatalf("burst placement per node: %v", per)
		}
	}
}
