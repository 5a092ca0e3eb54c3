package app_test

// Benchmarks of the paths an admin cares about, through the real HTTP server,
// PostgreSQL and bbbsim (see harness_test.go). Results and the command that
// produced them are in docs/benchmarks.md; `make bench` runs them all.
//
// The client, the server, pgx and bbbsim share one process, so B/op and
// allocs/op count both sides of the HTTP exchange. Latency percentiles are
// reported as extra metrics (p50-µs, p99-µs) from per-request timings.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"switchboard/backend/internal/core"
)

// benchClient keeps enough idle connections for parallel benchmarks, so
// they measure requests rather than TCP handshakes.
func benchClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost = 256, 256
	return &http.Client{Transport: tr, Timeout: 20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// postJoin sends one POST /api/v1/join and returns status and body. It uses
// no testing.TB so it is safe inside b.RunParallel.
func postJoin(c *http.Client, url string, body []byte) (int, []byte, error) {
	resp, err := c.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}

// latencies collects per-request durations and reports percentiles.
type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) add(d ...time.Duration) {
	l.mu.Lock()
	l.d = append(l.d, d...)
	l.mu.Unlock()
}

func (l *latencies) report(b *testing.B) {
	if len(l.d) == 0 {
		return
	}
	slices.Sort(l.d)
	at := func(q float64) float64 {
		return float64(l.d[min(len(l.d)-1, int(q*float64(len(l.d))))].Nanoseconds()) / 1e3
	}
	b.ReportMetric(at(0.50), "p50-µs")
	b.ReportMetric(at(0.99), "p99-µs")
}

// BenchmarkJoinRunningMeeting is the hot path: a guest opens the attendee
// link of a meeting that is already running. One database read, a signed
// join URL, no BBB call.
//
//	go test -run '^$' -bench BenchmarkJoinRunningMeeting -benchmem ./backend/internal/app
func BenchmarkJoinRunningMeeting(b *testing.B) {
	h := newHarness(b, harnessOpts{nodes: 2})
	owner := h.register("Teacher")
	room, _ := h.startRoom(owner, "Lecture", nil)
	url := h.base + "/api/v1/join"
	body, _ := json.Marshal(map[string]any{"slug": slugOf(room), "name": "Guest"})
	c := benchClient()
	if st, data, err := postJoin(c, url, body); err != nil || st != 200 {
		b.Fatalf("warm-up join: %d %s %v", st, data, err)
	}

	b.Run("serial", func(b *testing.B) {
		b.ReportAllocs()
		var lat latencies
		for b.Loop() {
			start := time.Now()
			st, data, err := postJoin(c, url, body)
			lat.d = append(lat.d, time.Since(start))
			if err != nil || st != 200 {
				b.Fatalf("join: %d %s %v", st, data, err)
			}
		}
		lat.report(b)
	})

	// Guests joining the same lecture at once: 1 and 8 goroutines per core
	// (2 and 16 requests in flight on a 2-core machine).
	for _, perCPU := range []int{1, 8} {
		b.Run(fmt.Sprintf("parallel-x%d", perCPU), func(b *testing.B) {
			b.ReportAllocs()
			b.SetParallelism(perCPU)
			var lat latencies
			b.RunParallel(func(pb *testing.PB) {
				var mine []time.Duration
				for pb.Next() {
					start := time.Now()
					st, data, err := postJoin(c, url, body)
					mine = append(mine, time.Since(start))
					if err != nil || st != 200 {
						b.Errorf("join: %d %s %v", st, data, err)
						return
					}
				}
				lat.add(mine...)
			})
			lat.report(b)
		})
	}
}

// BenchmarkFirstJoin is a room's first moderator join: read the room, list
// the nodes with their reservations, pick one, record the meeting and call
// create on the (bbbsim) node, then sign the join URL. Creating the room
// and the poll that clears reservations every 20 meetings are not timed.
//
//	go test -run '^$' -bench BenchmarkFirstJoin -benchmem ./backend/internal/app
func BenchmarkFirstJoin(b *testing.B) {
	h := newHarness(b, harnessOpts{nodes: 3})
	owner := h.register("Teacher")
	url := h.base + "/api/v1/join"
	c := benchClient()
	var lat latencies
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		b.StopTimer()
		if i%20 == 19 {
			h.poll() // 3 nodes × 100 seats / 10 reserved per meeting: poll before the cluster looks full
		}
		room := h.createRoom(owner, fmt.Sprintf("Room %d", i), nil)
		body, _ := json.Marshal(map[string]any{"moderator_key": moderatorKey(room), "name": "Mod"})
		i++
		b.StartTimer()

		start := time.Now()
		st, data, err := postJoin(c, url, body)
		lat.d = append(lat.d, time.Since(start))
		if err != nil || st != 200 {
			b.Fatalf("first join: %d %s %v", st, data, err)
		}
	}
	lat.report(b)
}

// BenchmarkPollCycle is one poller cycle over every node: getMeetings on
// each (16 at a time, the default SWITCHBOARD_POLL_CONCURRENCY) and one
// transaction per node recording health, load and per-meeting counts.
// Each node runs 4 meetings: one placed by Switchboard and three it did not
// place (e.g. started on the node directly), 5–40 people each.
//
//	go test -run '^$' -bench BenchmarkPollCycle -benchmem ./backend/internal/app
func BenchmarkPollCycle(b *testing.B) {
	for _, nodes := range []int{50, 1000} {
		b.Run(fmt.Sprintf("nodes=%d", nodes), func(b *testing.B) {
			h := newHarness(b, harnessOpts{nodes: nodes, env: map[string]string{"SWITCHBOARD_POLL_TIMEOUT": "10s"}})
			owner := h.register("Teacher")
			// One Switchboard meeting per node: each placement reserves seats,
			// so without a poll in between they spread over all nodes.
			for i := 0; i < nodes; i++ {
				room := h.createRoom(owner, fmt.Sprintf("Room %d", i), nil)
				r := h.mustStatus(h.do("POST", "/api/v1/join", "", map[string]any{"moderator_key": moderatorKey(room), "name": "Mod"}), 200).json(b)
				node := nodeOfJoinURL(b, r["join_url"].(string))
				if err := h.sim.Preload(node, core.RoomMeetingID(room["id"].(string)), 5+i%30); err != nil {
					b.Fatal(err)
				}
				if i%90 == 89 {
					h.poll() // 100 seats / 10 reserved: keep nodes from looking full
				}
			}
			for n := 1; n <= nodes; n++ {
				for k := 0; k < 3; k++ {
					if err := h.sim.Preload(n, fmt.Sprintf("external-%d-%d", n, k), 5+(n*7+k*11)%36); err != nil {
						b.Fatal(err)
					}
				}
			}
			h.poll()
			b.ReportAllocs()
			for b.Loop() {
				h.poll()
			}
			b.StopTimer()
			// The cycle must have seen every node healthy and every meeting.
			admin := h.adminToken()
			list := h.mustStatus(h.do("GET", "/api/v1/admin/nodes", admin, nil), 200).list(b)
			meetings := 0
			for _, n := range list {
				if n["health"] != core.HealthOnline {
					b.Fatalf("node after polling: %v", n)
				}
				meetings += int(n["meetings"].(float64))
			}
			if len(list) != nodes || meetings != 4*nodes {
				b.Fatalf("%d nodes with %d meetings, want %d with %d", len(list), meetings, nodes, 4*nodes)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(nodes)/1e3, "µs/node")
		})
	}
}
