package gateway_test

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"switchboard/backend/internal/bbb"
	"switchboard/backend/internal/bbbsim"
	"switchboard/backend/internal/cluster"
	"switchboard/backend/internal/core"
	"switchboard/backend/internal/gateway"
	"switchboard/backend/internal/metrics"
	"switchboard/backend/internal/pgtest"
	"switchboard/backend/internal/postgres"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

const (
	secret    = "gateway-secret"
	oldSecret = "gateway-secret-old"
	simSecret = "node-secret"
)

// env is a gateway in front of real bbbsim nodes and a real PostgreSQL.
type env struct {
	t      *testing.T
	ctx    context.Context
	sim    *bbbsim.Sim
	db     *postgres.DB
	gw     *gateway.Gateway
	srv    *httptest.Server
	nodes  []*core.Node // nodes[i-1] is bbbsim node i
	poller *cluster.Poller
	bbb    *bbb.Client
}

type envOptions struct {
	nodes    int
	capacity int
}

// nodeAlgs gives each node its own checksum algorithm, so re-signing per node is exercised.
var nodeAlgs = []string{"sha1", "sha256", "sha512", "sha384"}

func newEnv(t *testing.T, o envOptions) *env {
	t.Helper()
	if o.nodes == 0 {
		o.nodes = 2
	}
	if o.capacity == 0 {
		o.capacity = 100
	}
	ctx := context.Background()
	sim := bbbsim.New(bbbsim.Options{Nodes: o.nodes, Secret: simSecret})
	if _, err := sim.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)

	db, err := postgres.Open(pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	client := bbb.NewClient(nil)
	e := &env{t: t, ctx: ctx, sim: sim, db: db, bbb: client}
	admin := &cluster.Admin{Nodes: db}
	for i := 1; i <= o.nodes; i++ {
		u, s, alg, c := sim.NodeAPIURL(i), simSecret, nodeAlgs[(i-1)%len(nodeAlgs)], o.capacity
		n, err := admin.Create(ctx, cluster.NodeInput{APIURL: &u, Secret: &s, Algorithm: &alg, Capacity: &c})
		if err != nil {
			t.Fatal(err)
		}
		e.nodes = append(e.nodes, n)
	}
	e.poller = &cluster.Poller{Nodes: db, BBB: client, Interval: time.Hour, Timeout: 2 * time.Second, Concurrency: 4,
		Health: cluster.Hysteresis{FailAfter: 2, RiseAfter: 2}, Now: time.Now}
	e.poll()
	for _, n := range e.listNodes() {
		if n.Health != core.HealthOnline {
			t.Fatalf("node %s not online after a poll: %s", n.Name, n.Health)
		}
	}

	e.gw = &gateway.Gateway{Secrets: []string{secret, oldSecret}, Store: db, Nodes: db, BBB: client,
		Meetings: &cluster.Meetings{Nodes: db, Store: db, BBB: client}, Metrics: metrics.New(),
		FanoutTimeout: time.Second}
	mux := http.NewServeMux()
	mux.Handle("/bigbluebutton/api", e.gw)
	mux.Handle("/bigbluebutton/api/", e.gw)
	e.srv = httptest.NewServer(mux)
	t.Cleanup(e.srv.Close)
	return e
}

func (e *env) poll() {
	e.t.Helper()
	if err := e.poller.Cycle(e.ctx); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) listNodes() []*core.Node {
	e.t.Helper()
	nodes, err := e.db.ListNodes(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	return nodes
}

// url signs query for call with secret and alg, the way any BBB client does.
func (e *env) url(call, query string) string { return e.urlWith(call, query, secret, bbb.SHA1) }

func (e *env) urlWith(call, query, sec string, alg bbb.Algorithm) string {
	sum := bbb.Checksum(alg, call, query, sec)
	if query == "" {
		return e.srv.URL + "/bigbluebutton/api/" + call + "?checksum=" + sum
	}
	return e.srv.URL + "/bigbluebutton/api/" + call + "?" + query + "&checksum=" + sum
}

type answer struct {
	status int
	header http.Header
	body   string
}

var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func (e *env) do(req *http.Request) answer {
	e.t.Helper()
	resp, err := noRedirects.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return answer{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

func (e *env) get(u string) answer {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return e.do(req)
}

// call signs and GETs call with query.
func (e *env) call(call, query string) answer { e.t.Helper(); return e.get(e.url(call, query)) }

// xmlAnswer is the union of fields the tests look at.
type xmlAnswer struct {
	ReturnCode  string `xml:"returncode"`
	MessageKey  string `xml:"messageKey"`
	Message     string `xml:"message"`
	MeetingID   string `xml:"meetingID"`
	MeetingName string `xml:"meetingName"`
	AttendeePW  string `xml:"attendeePW"`
	ModeratorPW string `xml:"moderatorPW"`
	Running     bool   `xml:"running"`
	URL         string `xml:"url"`
	Version     string `xml:"version"`
	Metadata    struct {
		Items []struct {
			XMLName xml.Name
			Value   string `xml:",chardata"`
		} `xml:",any"`
	} `xml:"metadata"`
	Meetings   []bbb.MeetingXML   `xml:"meetings>meeting"`
	Recordings []bbb.RecordingXML `xml:"recordings>recording"`
}

func (a answer) meta(k string) string {
	for _, it := range a.xml().Metadata.Items {
		if it.XMLName.Local == k {
			return it.Value
		}
	}
	return ""
}

func (a answer) xml() xmlAnswer {
	var x xmlAnswer
	_ = xml.Unmarshal([]byte(a.body), &x)
	return x
}

// want checks an XML answer's HTTP status, returncode and messageKey ("" = any).
func (e *env) want(a answer, code, key string) xmlAnswer {
	e.t.Helper()
	x := a.xml()
	if a.status != http.StatusOK || x.ReturnCode != code || (key != "" && x.MessageKey != key) {
		e.t.Fatalf("want %s/%s, got HTTP %d:\n%s", code, key, a.status, a.body)
	}
	if ct := a.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/xml") {
		e.t.Fatalf("content type %q", ct)
	}
	for _, s := range []string{simSecret, secret} {
		if strings.Contains(a.body, s) {
			e.t.Fatalf("answer leaks a secret:\n%s", a.body)
		}
	}
	return x
}

// create creates meetingID through the gateway and returns the bbbsim node (1-based) that hosts it.
func (e *env) create(meetingID string, extra ...string) int {
	e.t.Helper()
	q := "name=" + url.QueryEscape("Meeting "+meetingID) + "&meetingID=" + url.QueryEscape(meetingID)
	for _, x := range extra {
		q += "&" + x
	}
	x := e.want(e.call("create", q), bbb.ReturnSuccess, "")
	if x.MeetingID != meetingID {
		e.t.Fatalf("create answered meetingID %q", x.MeetingID)
	}
	return e.hostOf(meetingID)
}

// hostOf is the bbbsim node that runs meetingID, asserting it runs on exactly one.
func (e *env) hostOf(meetingID string) int {
	e.t.Helper()
	host := 0
	for i := 1; i <= e.sim.Nodes(); i++ {
		if slices.Contains(e.sim.Stats(i).MeetingIDs, meetingID) {
			if host != 0 {
				e.t.Fatalf("meeting %q runs on nodes %d and %d", meetingID, host, i)
			}
			host = i
		}
	}
	return host
}

// liveNode is the node the meeting table says hosts meetingID (0 when not live).
func (e *env) liveNode(meetingID string) int {
	e.t.Helper()
	lm, err := e.db.LiveMeeting(e.ctx, meetingID)
	if core.ErrorCode(err) == core.ENotFound {
		return 0
	}
	if err != nil {
		e.t.Fatal(err)
	}
	for i, n := range e.nodes {
		if n.ID == lm.Node.ID {
			return i + 1
		}
	}
	e.t.Fatalf("unknown node %s", lm.Node.ID)
	return 0
}

// join asks the gateway for a join and returns the redirect target.
func (e *env) join(query string) *url.URL {
	e.t.Helper()
	a := e.call("join", query)
	if a.status != http.StatusFound {
		e.t.Fatalf("join: want 302, got %d:\n%s", a.status, a.body)
	}
	u, err := url.Parse(a.header.Get("Location"))
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}
