package bbbsim

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Control API: JSON, no checksum, for tests and benchmarks. Each route has a Go method twin.

func (s *Sim) controlRoutes() {
	s.mux.HandleFunc("GET /control/nodes", s.ctlNodes)
	s.mux.HandleFunc("POST /control/n/{i}/fail", s.ctl(func(i int, r *http.Request) (any, error) {
		return nil, s.Fail(i, FailMode(r.URL.Query().Get("mode")))
	}))
	s.mux.HandleFunc("POST /control/n/{i}/heal", s.ctl(func(i int, r *http.Request) (any, error) {
		return nil, s.Heal(i)
	}))
	s.mux.HandleFunc("POST /control/n/{i}/latency", s.ctl(func(i int, r *http.Request) (any, error) {
		ms, err := intParam(r, "ms")
		if err != nil {
			return nil, err
		}
		return nil, s.SetLatency(i, time.Duration(ms)*time.Millisecond)
	}))
	s.mux.HandleFunc("POST /control/n/{i}/participants", s.ctl(func(i int, r *http.Request) (any, error) {
		count, err := intParam(r, "count")
		if err != nil {
			return nil, err
		}
		return nil, s.Preload(i, r.URL.Query().Get("meetingID"), count)
	}))
	s.mux.HandleFunc("POST /control/n/{i}/leave", s.ctl(func(i int, r *http.Request) (any, error) {
		count, err := intParam(r, "count")
		if err != nil {
			return nil, err
		}
		return nil, s.Leave(i, r.URL.Query().Get("meetingID"), count)
	}))
	s.mux.HandleFunc("POST /control/n/{i}/cpu", s.ctl(func(i int, r *http.Request) (any, error) {
		v, err := strconv.ParseFloat(r.URL.Query().Get("value"), 64)
		if err != nil {
			return nil, badRequest("value must be a number")
		}
		return nil, s.SetCPU(i, v)
	}))
	s.mux.HandleFunc("GET /control/n/{i}/cpu", s.ctl(func(i int, r *http.Request) (any, error) {
		v, err := s.CPU(i)
		return map[string]any{"node": i, "cpu": v}, err
	}))
	s.mux.HandleFunc("POST /control/n/{i}/end-all", s.ctl(func(i int, r *http.Request) (any, error) {
		return nil, s.EndAll(i)
	}))
	s.mux.HandleFunc("GET /control/n/{i}/stats", s.ctl(func(i int, r *http.Request) (any, error) {
		if _, err := s.node(i); err != nil {
			return nil, err
		}
		return s.Stats(i), nil
	}))
}

type badRequest string

func (e badRequest) Error() string { return string(e) }

func intParam(r *http.Request, k string) (int, error) {
	v, err := strconv.Atoi(r.URL.Query().Get(k))
	if err != nil || v < 0 {
		return 0, badRequest(k + " must be a non-negative integer")
	}
	return v, nil
}

// ctl parses the node index and turns the method's result into JSON.
func (s *Sim) ctl(f func(i int, r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(r.PathValue("i"))
		if err != nil {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "no such node " + r.PathValue("i")})
			return
		}
		out, err := f(i, r)
		switch {
		case errors.Is(err, errNoNode):
			writeJSON(w, http.StatusNotFound, map[string]string{"error": err.Error()})
		case err != nil:
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		case out == nil:
			writeJSON(w, http.StatusOK, map[string]bool{"ok": true})
		default:
			writeJSON(w, http.StatusOK, out)
		}
	}
}

// NodeInfo is one entry of GET /control/nodes.
type NodeInfo struct {
	Node         int      `json:"node"`
	APIURL       string   `json:"api_url"`
	Fail         FailMode `json:"fail"`
	LatencyMS    int64    `json:"latency_ms"`
	CPU          float64  `json:"cpu"`
	Meetings     int      `json:"meetings"`
	Participants int      `json:"participants"`
}

func (s *Sim) ctlNodes(w http.ResponseWriter, r *http.Request) {
	out := make([]NodeInfo, len(s.nodes))
	for idx, n := range s.nodes {
		st := n.stats()
		n.mu.Lock()
		out[idx] = NodeInfo{Node: n.id, APIURL: s.NodeAPIURL(n.id), Fail: n.fail, LatencyMS: n.latency.Milliseconds(),
			CPU: n.cpu, Meetings: st.Meetings, Participants: st.Participants}
		n.mu.Unlock()
	}
	writeJSON(w, http.StatusOK, out)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Fail makes node i misbehave until Heal.
func (s *Sim) Fail(i int, mode FailMode) error {
	n, err := s.node(i)
	if err != nil {
		return err
	}
	m, err := parseFailMode(string(mode))
	if err != nil {
		return badRequest(err.Error())
	}
	n.mu.Lock()
	n.fail = m
	n.mu.Unlock()
	return nil
}

// Heal clears node i's failure mode and latency.
func (s *Sim) Heal(i int) error {
	n, err := s.node(i)
	if err != nil {
		return err
	}
	n.mu.Lock()
	n.fail, n.latency = FailNone, 0
	n.mu.Unlock()
	return nil
}

// SetLatency delays every answer of node i by d.
func (s *Sim) SetLatency(i int, d time.Duration) error {
	n, err := s.node(i)
	if err != nil {
		return err
	}
	n.mu.Lock()
	n.latency = d
	n.mu.Unlock()
	return nil
}

// Preload adds count viewers to a meeting on node i, creating (and starting) it if needed.
func (s *Sim) Preload(i int, meetingID string, count int) error {
	n, err := s.node(i)
	if err != nil {
		return err
	}
	if meetingID == "" {
		return badRequest("meetingID is required")
	}
	if count < 0 {
		return badRequest("count must be >= 0")
	}
	now := time.Now()
	n.mu.Lock()
	defer n.mu.Unlock()
	m, ok := n.meetings[meetingID]
	if !ok {
		m = newMeeting(meetingID, meetingID, now)
		n.meetings[meetingID] = m
	}
	if count > 0 && !m.hasUserJoined {
		m.hasUserJoined, m.startTime = true, now.UnixMilli()
	}
	m.preloaded += count
	return nil
}

// Leave lets count participants leave a meeting on node i. When the last one leaves the meeting ends,
// as BBB ends an emptied meeting (after its one-minute grace period, which the simulator skips).
func (s *Sim) Leave(i int, meetingID string, count int) error {
	n, err := s.node(i)
	if err != nil {
		return err
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	m, ok := n.meetings[meetingID]
	if !ok {
		return badRequest(fmt.Sprintf("no meeting %q on node %d", meetingID, i))
	}
	m.leave(count)
	if m.participants() == 0 && m.hasUserJoined {
		n.endMeeting(m, time.Now())
	}
	return nil
}

// SetCPU sets the CPU busy fraction (0..1) reported for node i.
func (s *Sim) SetCPU(i int, v float64) error {
	n, err := s.node(i)
	if err != nil {
		return err
	}
	if v < 0 || v > 1 {
		return badRequest("cpu value must be within 0..1")
	}
	n.mu.Lock()
	n.cpu = v
	n.mu.Unlock()
	return nil
}

// CPU reads node i's CPU busy fraction.
func (s *Sim) CPU(i int) (float64, error) {
	n, err := s.node(i)
	if err != nil {
		return 0, err
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.cpu, nil
}

// EndAll ends every meeting on node i.
func (s *Sim) EndAll(i int) error {
	n, err := s.node(i)
	if err != nil {
		return err
	}
	now := time.Now()
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, m := range n.meetings {
		n.endMeeting(m, now)
	}
	return nil
}

// Stats reports node i's meetings and participants (zero value for an unknown node).
func (s *Sim) Stats(i int) NodeStats {
	n, err := s.node(i)
	if err != nil {
		return NodeStats{MeetingIDs: []string{}}
	}
	return n.stats()
}
