package cluster

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"switchboard/backend/internal/core"
)

func ptr[T any](v T) *T { return &v }

// node builds an enabled, online node unless opts say otherwise.
func node(id string, capacity, participants int, opts ...func(*core.Node)) *core.Node {
	n := &core.Node{ID: id, Name: id, Capacity: capacity, Participants: participants,
		State: core.NodeEnabled, Health: core.HealthOnline}
	for _, o := range opts {
		o(n)
	}
	return n
}

func withState(s string) func(*core.Node)  { return func(n *core.Node) { n.State = s } }
func withHealth(h string) func(*core.Node) { return func(n *core.Node) { n.Health = h } }
func withReserved(r int) func(*core.Node)  { return func(n *core.Node) { n.Reserved = r } }
func withCPU(c float64) func(*core.Node)   { return func(n *core.Node) { n.CPU = ptr(c) } }

// firstIntn always picks the first of the tied nodes.
func firstIntn(int) int { return 0 }

func TestPickChoosesNode(t *testing.T) {
	tests := []struct {
		name  string
		p     Placement
		nodes []*core.Node
		want  string
	}{
		{
			name:  "most free capacity wins",
			nodes: []*core.Node{node("a", 100, 80), node("b", 100, 10), node("c", 100, 50)},
			want:  "b",
		},
		{
			name:  "free capacity, not lowest load, decides",
			nodes: []*core.Node{node("small", 20, 0), node("big", 200, 100)},
			want:  "big",
		},
		{
			name:  "reserved seats count as load",
			nodes: []*core.Node{node("a", 100, 10, withReserved(60)), node("b", 100, 40)},
			want:  "b",
		},
		{
			name: "cordoned node never picked even when emptiest",
			nodes: []*core.Node{node("cordoned", 1000, 0, withState(core.NodeCordoned)),
				node("b", 100, 90)},
			want: "b",
		},
		{
			name: "disabled node never picked even when emptiest",
			nodes: []*core.Node{node("disabled", 1000, 0, withState(core.NodeDisabled)),
				node("b", 100, 90)},
			want: "b",
		},
		{
			name: "offline node never picked even when emptiest",
			nodes: []*core.Node{node("offline", 1000, 0, withHealth(core.HealthOffline)),
				node("b", 100, 90)},
			want: "b",
		},
		{
			name: "unknown-health node never picked even when emptiest",
			nodes: []*core.Node{node("unknown", 1000, 0, withHealth(core.HealthUnknown)),
				node("b", 100, 90)},
			want: "b",
		},
		{
			name: "CPU above threshold counts as full",
			p:    Placement{CPUThreshold: 0.85},
			nodes: []*core.Node{node("hot", 1000, 0, withCPU(0.95)),
				node("b", 100, 90, withCPU(0.10))},
			want: "b",
		},
		{
			name: "CPU at threshold is not full",
			p:    Placement{CPUThreshold: 0.85},
			nodes: []*core.Node{node("edge", 1000, 0, withCPU(0.85)),
				node("b", 100, 90)},
			want: "edge",
		},
		{
			name:  "CPU ignored when threshold is 0",
			nodes: []*core.Node{node("hot", 1000, 0, withCPU(0.99)), node("b", 100, 90)},
			want:  "hot",
		},
		{
			name:  "node without CPU reading is not treated as full",
			p:     Placement{CPUThreshold: 0.85},
			nodes: []*core.Node{node("nocpu", 1000, 0), node("b", 100, 90, withCPU(0.5))},
			want:  "nocpu",
		},
		{
			name:  "overbooked node is skipped",
			nodes: []*core.Node{node("over", 100, 150), node("b", 100, 99)},
			want:  "b",
		},
		{
			name:  "tie broken by Intn",
			p:     Placement{Intn: func(n int) int { return n - 1 }},
			nodes: []*core.Node{node("a", 100, 50), node("b", 100, 50), node("c", 100, 50), node("d", 100, 0, withState(core.NodeCordoned))},
			want:  "c",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.p.Intn == nil {
				tt.p.Intn = firstIntn
			}
			got, err := tt.p.Pick(tt.nodes)
			if err != nil {
				t.Fatalf("Pick: %v", err)
			}
			if got.ID != tt.want {
				t.Fatalf("picked %s, want %s", got.ID, tt.want)
			}
		})
	}
}

func TestPickUnavailable(t *testing.T) {
	const fullMsg = "All BBB servers are full"
	const noneMsg = "No BBB server is available"
	tests := []struct {
		name  string
		p     Placement
		nodes []*core.Node
		want  string // prefix of the message
	}{
		{name: "no nodes at all", nodes: nil, want: noneMsg},
		{
			name:  "all offline",
			nodes: []*core.Node{node("a", 100, 0, withHealth(core.HealthOffline)), node("b", 100, 0, withHealth(core.HealthOffline))},
			want:  noneMsg,
		},
		{
			name: "offline, cordoned, disabled and unknown",
			nodes: []*core.Node{node("a", 100, 0, withHealth(core.HealthOffline)), node("b", 100, 0, withState(core.NodeCordoned)),
				node("c", 100, 0, withState(core.NodeDisabled)), node("d", 100, 0, withHealth(core.HealthUnknown))},
			want: noneMsg,
		},
		{
			name:  "every node full",
			nodes: []*core.Node{node("a", 100, 100), node("b", 50, 40, withReserved(10)), node("c", 10, 30)},
			want:  fullMsg,
		},
		{
			name:  "full online node, empty offline node",
			nodes: []*core.Node{node("a", 100, 100), node("b", 100, 0, withHealth(core.HealthOffline))},
			want:  fullMsg,
		},
		{
			name:  "every node above the CPU threshold",
			p:     Placement{CPUThreshold: 0.8},
			nodes: []*core.Node{node("a", 100, 0, withCPU(0.9)), node("b", 100, 0, withCPU(0.81))},
			want:  fullMsg,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.p.Pick(tt.nodes)
			if err == nil {
				t.Fatalf("Pick = %s, want an error", got.ID)
			}
			if code := core.ErrorCode(err); code != core.EUnavailable {
				t.Fatalf("code %q, want %q (err %v)", code, core.EUnavailable, err)
			}
			if msg := core.ErrorMessage(err); !strings.HasPrefix(msg, tt.want) {
				t.Fatalf("message %q, want it to start with %q", msg, tt.want)
			}
		})
	}
}

// TestPickTieBreakSpreads shows that ties really are broken through Intn
// over all tied nodes, and that the default (math/rand) reaches each one.
func TestPickTieBreakSpreads(t *testing.T) {
	nodes := []*core.Node{node("a", 100, 0), node("b", 100, 0), node("c", 100, 0), node("slow", 100, 50)}

	t.Run("injected Intn sees every tied node", func(t *testing.T) {
		got := map[string]int{}
		i := 0
		p := Placement{Intn: func(n int) int {
			if n != 3 {
				t.Fatalf("Intn(%d), want Intn(3): only the tied nodes are candidates", n)
			}
			i++
			return i % n
		}}
		for range 300 {
			n, err := p.Pick(nodes)
			if err != nil {
				t.Fatal(err)
			}
			got[n.ID]++
		}
		if diff := cmp.Diff(map[string]int{"a": 100, "b": 100, "c": 100}, got); diff != "" {
			t.Fatalf("picks (-want +got):\n%s", diff)
		}
	})

	t.Run("default random reaches every tied node", func(t *testing.T) {
		got := map[string]int{}
		for range 3000 {
			n, err := Placement{}.Pick(nodes)
			if err != nil {
				t.Fatal(err)
			}
			got[n.ID]++
		}
		if got["slow"] != 0 {
			t.Fatalf("picked the loaded node %d times", got["slow"])
		}
		for _, id := range []string{"a", "b", "c"} {
			// Expected 1000 each; 700 is > 14 standard deviations away.
			if got[id] < 700 {
				t.Fatalf("node %s picked %d of 3000 times: tie-break does not spread (%v)", id, got[id], got)
			}
		}
	})
}

// burst simulates creates between two polls the way the store sees them:
// every placed meeting reserves max(expected_size, floor) seats on its node
// until the next poll.
func burst(t *testing.T, p Placement, nodes []*core.Node, creates, expectedSize, floor int) (map[string]int, int) {
	t.Helper()
	placed := map[string]int{}
	refused := 0
	for range creates {
		n, err := p.Pick(nodes)
		if err != nil {
			if core.ErrorCode(err) != core.EUnavailable {
				t.Fatalf("Pick: %v", err)
			}
			refused++
			continue
		}
		n.Reserved += max(expectedSize, floor)
		placed[n.ID]++
	}
	return placed, refused
}

func equalNodes(capacity int) []*core.Node {
	return []*core.Node{node("n1", capacity, 0), node("n2", capacity, 0), node("n3", capacity, 0)}
}

func assertEven(t *testing.T, placed map[string]int, total int) {
	t.Helper()
	lo, hi := total/3, (total+2)/3 // within ±1 of total/3
	sum := 0
	for _, id := range []string{"n1", "n2", "n3"} {
		sum += placed[id]
		if placed[id] < lo || placed[id] > hi {
			t.Fatalf("node %s got %d meetings, want %d..%d (all: %v)", id, placed[id], lo, hi, placed)
		}
	}
	if sum != total {
		t.Fatalf("placed %d meetings, want %d (%v)", sum, total, placed)
	}
}

func TestPickBurstSpreadsEvenly(t *testing.T) {
	const creates, floor = 50, 10
	tests := []struct {
		name         string
		intn         func(int) int
		expectedSize int
	}{
		{name: "always first of the tie", intn: firstIntn},
		{name: "always last of the tie", intn: func(n int) int { return n - 1 }},
		{name: "deterministic seed", intn: rand.New(rand.NewPCG(1, 2)).IntN},
		{name: "expected size below floor", intn: firstIntn, expectedSize: 3},
		{name: "expected size above floor", intn: firstIntn, expectedSize: 15},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nodes := equalNodes(1000)
			placed, refused := burst(t, Placement{Intn: tt.intn}, nodes, creates, tt.expectedSize, floor)
			if refused != 0 {
				t.Fatalf("%d creates refused with room to spare", refused)
			}
			assertEven(t, placed, creates)
		})
	}

	t.Run("many seeds", func(t *testing.T) {
		for seed := range uint64(500) {
			nodes := equalNodes(1000)
			placed, refused := burst(t, Placement{Intn: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)).IntN}, nodes, creates, 0, floor)
			if refused != 0 {
				t.Fatalf("seed %d: %d creates refused", seed, refused)
			}
			assertEven(t, placed, creates)
		}
	})

	t.Run("default math/rand repeated", func(t *testing.T) {
		for range 200 {
			nodes := equalNodes(1000)
			placed, refused := burst(t, Placement{}, nodes, creates, 0, floor)
			if refused != 0 {
				t.Fatalf("%d creates refused", refused)
			}
			assertEven(t, placed, creates)
		}
	})

	// With capacity 100 per node, a floor of 10 fills the cluster after 30
	// creates: the reservations are deliberately pessimistic until the next
	// poll. The first 30 still spread evenly, the rest get a clear 503.
	t.Run("capacity 100 fills evenly then refuses", func(t *testing.T) {
		nodes := equalNodes(100)
		placed, refused := burst(t, Placement{}, nodes, creates, 0, floor)
		if diff := cmp.Diff(map[string]int{"n1": 10, "n2": 10, "n3": 10}, placed); diff != "" {
			t.Fatalf("placed (-want +got):\n%s", diff)
		}
		if refused != 20 {
			t.Fatalf("refused %d, want 20", refused)
		}
		_, err := Placement{}.Pick(nodes)
		if !strings.HasPrefix(core.ErrorMessage(err), "All BBB servers are full") {
			t.Fatalf("full cluster answered %v", err)
		}
	})

	t.Run("uneven start evens out", func(t *testing.T) {
		// n1 already carries 40 people more than the others: the burst first
		// fills the others up to it, then spreads.
		nodes := []*core.Node{node("n1", 1000, 40), node("n2", 1000, 0), node("n3", 1000, 0)}
		placed, _ := burst(t, Placement{}, nodes, 50, 0, floor)
		// Seats end up within one reservation (10) of each other.
		seats := func(n *core.Node) int { return n.Participants + n.Reserved }
		lo, hi := seats(nodes[0]), seats(nodes[0])
		for _, n := range nodes[1:] {
			lo, hi = min(lo, seats(n)), max(hi, seats(n))
		}
		if hi-lo > floor {
			t.Fatalf("seat spread %d..%d, want within %d (%v)", lo, hi, floor, placed)
		}
	})
}
