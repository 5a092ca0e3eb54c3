// Package gateway serves a BBB-compatible API for the whole cluster: existing integrations (Moodle,
// Nextcloud, Greenlight, ...) use one URL and one secret, and Switchboard sends every call to the
// node that hosts the meeting (found in its own meeting table) or fans it out to all nodes.
package gateway

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"switchboard/backend/internal/bbb"
	"switchboard/backend/internal/cluster"
	"switchboard/backend/internal/core"
	"switchboard/backend/internal/metrics"
)

// Store is what the gateway needs from the database.
type Store interface {
	core.MeetingStore
}

// Defaults for the optional fields of Gateway.
const (
	DefaultMaxBody       = 50 << 20 // pre-uploaded slides can be large; bigger bodies get requestTooLarge
	DefaultNodeTimeout   = 30 * time.Second
	DefaultFanoutTimeout = 5 * time.Second
	DefaultFanoutLimit   = 32
)

// Gateway is the BBB-compatible API handler, mounted at /bigbluebutton/api and /bigbluebutton/api/{call}.
type Gateway struct {
	Secrets  []string // accepted client secrets; more than one allows rotation
	Meetings *cluster.Meetings
	Store    Store
	Nodes    core.NodeStore
	BBB      *bbb.Client
	Metrics  *metrics.Metrics // optional
	Log      *slog.Logger     // optional

	// Optional tuning; zero values use the defaults above.
	MaxBody       int64            // largest request body accepted (create/insertDocument with slides)
	NodeTimeout   time.Duration    // deadline of a call to the one hosting node
	FanoutTimeout time.Duration    // per-node deadline of getMeetings/getRecordings/... fan-outs
	FanoutLimit   int              // nodes asked at once in a fan-out
	Now           func() time.Time // clock for marking meetings ended
}

// handler serves one verified call and returns the result label for metrics.
type handler func(g *Gateway, w http.ResponseWriter, req *request) string

// calls are the BBB API calls the gateway understands; anything else is unsupportedRequest.
var calls = map[string]handler{
	"create":            (*Gateway).create,
	"join":              (*Gateway).join,
	"isMeetingRunning":  (*Gateway).isMeetingRunning,
	"getMeetingInfo":    (*Gateway).perMeeting,
	"end":               (*Gateway).end,
	"insertDocument":    (*Gateway).perMeeting,
	"getMeetings":       (*Gateway).getMeetings,
	"getRecordings":     (*Gateway).getRecordings,
	"publishRecordings": (*Gateway).recordingAction,
	"updateRecordings":  (*Gateway).recordingAction,
	"deleteRecordings":  (*Gateway).recordingAction,
}

// Result labels of switchboard_gateway_calls_total.
const (
	resultSuccess     = "success"     // SUCCESS answer (or a join redirect)
	resultFailed      = "failed"      // a FAILED answer, ours or a node's
	resultChecksum    = "checksum"    // bad or missing checksum
	resultUnavailable = "unavailable" // no node could serve the call
	resultUnsupported = "unsupported" // unknown call
	resultTooLarge    = "too_large"   // body over MaxBody
	resultError       = "error"       // our own failure (database)
	callUnknown       = "unknown"     // metrics label for unknown calls, so clients cannot blow up cardinality
	callRoot          = "root"
)

// ServeHTTP answers like a BBB server: HTTP 200 with XML for everything but a join redirect.
func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	call, isRoot := callName(r.URL.Path)
	if isRoot {
		bbb.WriteXML(w, bbb.RootResponseXML{ReturnCode: bbb.ReturnSuccess, Version: "2.0", APIVersion: "2.0", BBBVersion: "3.0"})
		g.observe(callRoot, resultSuccess)
		return
	}
	h, ok := calls[call]
	if !ok {
		bbb.WriteFailed(w, "unsupportedRequest", "This request is not supported.")
		g.observe(callUnknown, resultUnsupported)
		return
	}
	req, result := g.readRequest(w, r, call)
	if req == nil {
		g.observe(call, result)
		return
	}
	g.observe(call, h(g, w, req))
}

// callName returns the API call of path: the segment after /bigbluebutton/api (isRoot when none).
func callName(path string) (call string, isRoot bool) {
	p := strings.TrimRight(path, "/")
	if i := strings.LastIndex(p, "/bigbluebutton/api"); i >= 0 {
		p = p[i+len("/bigbluebutton/api"):]
	} else if i := strings.LastIndex(p, "/"); i >= 0 {
		p = p[i:]
	}
	p = strings.TrimPrefix(p, "/")
	return p, p == ""
}

func (g *Gateway) observe(call, result string) {
	if g.Metrics != nil {
		g.Metrics.GatewayCalls.WithLabelValues(call, result).Inc()
	}
}

func (g *Gateway) log() *slog.Logger {
	if g.Log != nil {
		return g.Log
	}
	return slog.Default()
}

func (g *Gateway) now() time.Time {
	if g.Now != nil {
		return g.Now()
	}
	return time.Now().UTC()
}

func (g *Gateway) maxBody() int64 {
	if g.MaxBody > 0 {
		return g.MaxBody
	}
	return DefaultMaxBody
}

func (g *Gateway) nodeTimeout() time.Duration {
	if g.NodeTimeout > 0 {
		return g.NodeTimeout
	}
	return DefaultNodeTimeout
}

func (g *Gateway) fanoutTimeout() time.Duration {
	if g.FanoutTimeout > 0 {
		return g.FanoutTimeout
	}
	return DefaultFanoutTimeout
}

func (g *Gateway) fanoutLimit() int {
	if g.FanoutLimit > 0 {
		return g.FanoutLimit
	}
	return DefaultFanoutLimit
}
