package app_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"switchboard/backend/internal/core"
)

// startRoom creates a room and joins it as moderator, returning the node index.
func (h *harness) startRoom(owner, name string, settings map[string]any) (map[string]any, int) {
	h.t.Helper()
	room := h.createRoom(owner, name, settings)
	r := h.mustStatus(h.do("POST", "/api/v1/join", "", map[string]any{"moderator_key": moderatorKey(room), "name": "Mod"}), 200).json(h.t)
	return room, nodeOfJoinURL(h.t, r["join_url"].(string))
}

func TestPlacementPicksNodeWithMostFreeCapacity(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 3})
	owner := h.register("Teacher")
	// Nodes 1 and 3 are busy; node 2 has the most free capacity.
	if err := h.sim.Preload(1, "busy-1", 60); err != nil {
		t.Fatal(err)
	}
	if err := h.sim.Preload(3, "busy-3", 30); err != nil {
		t.Fatal(err)
	}
	h.poll()
	if _, node := h.startRoom(owner, "Room A", nil); node != 2 {
		t.Fatalf("placed on node %d, want 2", node)
	}
	// Room A reserves 10 seats on node 2 (free 90); a room expecting 65
	// people then makes node 2 the busiest: the next goes to node 3 (free 70).
	if _, node := h.startRoom(owner, "Room B", map[string]any{"expected_size": 65}); node != 2 {
		t.Fatalf("placed on node %d, want 2", node)
	}
	if _, node := h.startRoom(owner, "Room C", nil); node != 3 {
		t.Fatalf("placed on node %d, want 3 (node 2 has 75 seats reserved)", node)
	}
}

func TestBurstBetweenPollsSpreadsEvenly(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 3})
	owner := h.register("Teacher")
	counts := map[int]int{}
	for i := 0; i < 30; i++ {
		_, node := h.startRoom(owner, fmt.Sprintf("Room %d", i), nil)
		counts[node]++
	}
	for n := 1; n <= 3; n++ {
		if counts[n] < 9 || counts[n] > 11 {
			t.Fatalf("meetings per node %v, want 10±1 each", counts)
		}
	}
}

func TestConcurrentFirstJoinsCreateExactlyOneMeeting(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 3})
	owner := h.register("Teacher")
	room := h.createRoom(owner, "Popular", nil)
	const joins = 100
	var wg sync.WaitGroup
	results := make([]response, joins)
	for i := 0; i < joins; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = h.do("POST", "/api/v1/join", "", map[string]any{"moderator_key": moderatorKey(room), "name": fmt.Sprintf("M%d", i)})
		}(i)
	}
	wg.Wait()
	nodes := map[int]bool{}
	for _, r := range results {
		if r.status != http.StatusOK {
			t.Fatalf("join answered %d: %s", r.status, r.body)
		}
		nodes[nodeOfJoinURL(t, r.json(t)["join_url"].(string))] = true
	}
	if len(nodes) != 1 {
		t.Fatalf("joins went to nodes %v, want one", nodes)
	}
	var creates int64
	meetingsOnNodes := 0
	for i := 1; i <= 3; i++ {
		st := h.sim.Stats(i)
		creates += st.CreateCalls
		meetingsOnNodes += st.Meetings
	}
	if creates != 1 || meetingsOnNodes != 1 {
		t.Fatalf("create calls %d, meetings %d; want exactly 1 each", creates, meetingsOnNodes)
	}
}

func TestJoinToRunningMeetingMakesNoBBBCall(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 2})
	owner := h.register("Teacher")
	room, node := h.startRoom(owner, "Room", nil)
	before := h.sim.Stats(node).CreateCalls
	for i := 0; i < 5; i++ {
		h.mustStatus(h.do("POST", "/api/v1/join", "", map[string]any{"slug": slugOf(room), "name": "Guest"}), 200)
	}
	if after := h.sim.Stats(node).CreateCalls; after != before {
		t.Fatalf("create calls went from %d to %d", before, after)
	}
}

func TestOfflineNodeMeetingIsRecreatedElsewhere(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 2})
	owner := h.register("Teacher")
	admin := h.adminToken()
	room, first := h.startRoom(owner, "Room", nil)
	other := 3 - first

	if err := h.sim.Fail(first, "refuse"); err != nil {
		t.Fatal(err)
	}
	h.poll()
	nodes := h.mustStatus(h.do("GET", "/api/v1/admin/nodes/"+h.nodeID(admin, fmt.Sprintf("sim-%d", first)), admin, nil), 200).json(t)
	if nodes["health"] != core.HealthOnline || nodes["last_error"] == "" {
		t.Fatalf("after one failed poll: %s", mustJSON(nodes))
	}
	h.poll()
	nodes = h.mustStatus(h.do("GET", "/api/v1/admin/nodes/"+h.nodeID(admin, fmt.Sprintf("sim-%d", first)), admin, nil), 200).json(t)
	if nodes["health"] != core.HealthOffline {
		t.Fatalf("after two failed polls: %s", mustJSON(nodes))
	}
	// An attendee's next join re-creates the meeting on the healthy node.
	r := h.mustStatus(h.do("POST", "/api/v1/join", "", map[string]any{"slug": slugOf(room), "name": "Guest"}), 200).json(t)
	if got := nodeOfJoinURL(t, r["join_url"].(string)); got != other {
		t.Fatalf("join went to node %d, want %d", got, other)
	}
	if h.sim.Stats(other).CreateCalls != 1 {
		t.Fatalf("node %d create calls = %d", other, h.sim.Stats(other).CreateCalls)
	}
	// The node comes back after two good polls.
	_ = h.sim.Heal(first)
	h.poll()
	h.poll()
	nodes = h.mustStatus(h.do("GET", "/api/v1/admin/nodes/"+h.nodeID(admin, fmt.Sprintf("sim-%d", first)), admin, nil), 200).json(t)
	if nodes["health"] != core.HealthOnline {
		t.Fatalf("after healing: %s", mustJSON(nodes))
	}
}

func TestCordonedNodeKeepsMeetingsButGetsNoNewOnes(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 2})
	owner := h.register("Teacher")
	admin := h.adminToken()
	room, first := h.startRoom(owner, "Existing", nil)
	h.mustStatus(h.do("PATCH", "/api/v1/admin/nodes/"+h.nodeID(admin, fmt.Sprintf("sim-%d", first)), admin, map[string]any{"state": "cordoned"}), 200)

	// The running meeting stays where it is.
	r := h.mustStatus(h.do("POST", "/api/v1/join", "", map[string]any{"slug": slugOf(room), "name": "Guest"}), 200).json(t)
	if nodeOfJoinURL(t, r["join_url"].(string)) != first {
		t.Fatal("a cordoned node's meeting moved")
	}
	// Even with more free capacity, the cordoned node gets nothing new.
	if err := h.sim.Preload(3-first, "busy", 50); err != nil {
		t.Fatal(err)
	}
	h.poll()
	for i := 0; i < 3; i++ {
		if _, node := h.startRoom(owner, fmt.Sprintf("New %d", i), nil); node == first {
			t.Fatalf("new meeting placed on cordoned node %d", first)
		}
	}
	// Cordon the other node too: the cluster is full and says so.
	h.mustStatus(h.do("PATCH", "/api/v1/admin/nodes/"+h.nodeID(admin, fmt.Sprintf("sim-%d", 3-first)), admin, map[string]any{"state": "disabled"}), 200)
	room2 := h.createRoom(owner, "No room at the inn", nil)
	resp := h.mustStatus(h.do("POST", "/api/v1/join", "", map[string]any{"moderator_key": moderatorKey(room2), "name": "Mod"}), 503)
	if resp.errorCode(t) != core.EUnavailable {
		t.Fatalf("full cluster: %s", resp.body)
	}
}

func TestMeetingEndedOnNodeIsNoticedAtNextPoll(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 2})
	owner := h.register("Teacher")
	room, node := h.startRoom(owner, "Room", nil)
	h.poll()
	if got := h.mustStatus(h.do("GET", "/api/v1/rooms/"+room["id"].(string), owner, nil), 200).json(t); got["running"] != true {
		t.Fatalf("room not running: %s", mustJSON(got))
	}
	if err := h.sim.EndAll(node); err != nil {
		t.Fatal(err)
	}
	h.poll()
	if got := h.mustStatus(h.do("GET", "/api/v1/rooms/"+room["id"].(string), owner, nil), 200).json(t); got["running"] != false {
		t.Fatalf("room still running after the node ended it: %s", mustJSON(got))
	}
	// Attendees wait again until a moderator restarts it.
	h.mustStatus(h.do("POST", "/api/v1/join", "", map[string]any{"slug": slugOf(room), "name": "Guest"}), 202)
}

func TestAnyoneCanStartAndAllJoinAsModerator(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 1})
	owner := h.register("Teacher")
	room := h.createRoom(owner, "Open room", map[string]any{"anyone_can_start": true, "all_join_as_moderator": true})
	r := h.mustStatus(h.do("POST", "/api/v1/join", "", map[string]any{"slug": slugOf(room), "name": "Guest"}), 200).json(t)
	if r["role"] != "MODERATOR" {
		t.Fatalf("role = %v", r["role"])
	}
}

// Joining a running meeting costs at most two database round trips (the
// signed-in caller's account, and the room with its live meeting and node).
func TestJoinToRunningMeetingUsesAtMostTwoStatements(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 1})
	owner := h.register("Teacher")
	guest := h.register("Guest")
	room, _ := h.startRoom(owner, "Room", nil)
	var mu sync.Mutex
	var statements []string
	if err := h.app.DB.OnStatement(func(sql string) {
		mu.Lock()
		statements = append(statements, sql)
		mu.Unlock()
	}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		token string
		max   int
	}{{"anonymous", "", 1}, {"signed in", guest, 2}} {
		mu.Lock()
		statements = nil
		mu.Unlock()
		h.mustStatus(h.do("POST", "/api/v1/join", tc.token, map[string]any{"slug": slugOf(room), "name": "G"}), 200)
		mu.Lock()
		if len(statements) > tc.max {
			t.Errorf("%s join sent %d statements, want at most %d: %q", tc.name, len(statements), tc.max, statements)
		}
		mu.Unlock()
	}
}

// A node that died since the last poll still looks online; the first join
// that picks it must not fail: the create moves on to the next best node.
func TestCreateOnANodeThatJustDiedMovesOn(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 2})
	owner := h.register("Teacher")
	if err := h.sim.Preload(2, "busy", 40); err != nil {
		t.Fatal(err)
	}
	h.poll() // node 1 now has the most free capacity ...
	if err := h.sim.Fail(1, "refuse"); err != nil {
		t.Fatal(err)
	}
	// ... and dies before the next poll.
	if _, node := h.startRoom(owner, "Room", nil); node != 2 {
		t.Fatalf("placed on node %d, want 2", node)
	}
	if h.sim.Stats(2).CreateCalls != 1 {
		t.Fatalf("node 2 create calls = %d", h.sim.Stats(2).CreateCalls)
	}
	// With every node dead the answer is a clear 503, not a hang.
	_ = h.sim.Fail(2, "refuse")
	room := h.createRoom(owner, "Second", nil)
	r := h.mustStatus(h.do("POST", "/api/v1/join", "", map[string]any{"moderator_key": moderatorKey(room), "name": "M"}), 503)
	if msg := r.json(t)["error"].(map[string]any)["message"].(string); !strings.Contains(msg, "could not start the meeting") {
		t.Fatalf("message: %s", msg)
	}
}
