package app_test

import (
	"fmt"
	"strings"
	"testing"

	"switchboard/backend/internal/bbbsim"
	"switchboard/backend/internal/core"
)

// A node answering garbage, HTML, an empty body, a 500 or nothing is marked
// failing with the reason; nothing crashes and other nodes are unaffected.
func TestMisbehavingNodesAreMarkedWithTheReason(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 6})
	admin := h.adminToken()
	modes := map[int]bbbsim.FailMode{1: bbbsim.FailGarbage, 2: bbbsim.FailHTML, 3: bbbsim.FailEmpty, 4: bbbsim.Fail500, 5: bbbsim.FailRefuse}
	want := map[int]string{1: "invalid XML", 2: "non-XML", 3: "empty", 4: "HTTP 500", 5: "unreachable"}
	for i, m := range modes {
		if err := h.sim.Fail(i, m); err != nil {
			t.Fatal(err)
		}
	}
	h.poll()
	h.poll()
	for _, n := range h.mustStatus(h.do("GET", "/api/v1/admin/nodes", admin, nil), 200).list(t) {
		var i int
		fmt.Sscanf(n["name"].(string), "sim-%d", &i)
		if i == 6 {
			if n["health"] != core.HealthOnline || n["last_error"] != "" {
				t.Fatalf("healthy node: %v", n)
			}
			continue
		}
		if n["health"] != core.HealthOffline || !strings.Contains(n["last_error"].(string), want[i]) {
			t.Fatalf("node %d (%s): health %v, last_error %q; want offline with %q", i, modes[i], n["health"], n["last_error"], want[i])
		}
	}
	// Joins still work, on the one healthy node.
	owner := h.register("Teacher")
	if _, node := h.startRoom(owner, "Room", nil); node != 6 {
		t.Fatalf("placed on node %d", node)
	}
}

func TestSlowNodeTimesOutWithoutDelayingOthers(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 2, env: map[string]string{"SWITCHBOARD_POLL_TIMEOUT": "300ms"}})
	admin := h.adminToken()
	if err := h.sim.Fail(1, bbbsim.FailTimeout); err != nil {
		t.Fatal(err)
	}
	h.poll()
	for _, n := range h.mustStatus(h.do("GET", "/api/v1/admin/nodes", admin, nil), 200).list(t) {
		if n["name"] == "sim-1" && !strings.Contains(n["last_error"].(string), "no answer within 300ms") {
			t.Fatalf("slow node: %v", n)
		}
		if n["name"] == "sim-2" && n["last_error"] != "" {
			t.Fatalf("other node: %v", n)
		}
	}
}

func TestNodeAdminLifecycle(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 1})
	admin := h.adminToken()
	// The same URL as sim-1 once the trailing slash is normalised away: a conflict naming the field.
	dup := h.mustStatus(h.do("POST", "/api/v1/admin/nodes", admin, map[string]any{
		"name": "extra", "api_url": h.sim.NodeAPIURL(1) + "/", "secret": "wrong-secret", "capacity": 50}), 409)
	if dup.fields(t)["api_url"] == nil {
		t.Fatalf("conflict does not name api_url: %s", dup.body)
	}
	created := h.mustStatus(h.do("POST", "/api/v1/admin/nodes", admin, map[string]any{
		"name": "extra", "api_url": "http://127.0.0.1:1/bigbluebutton/api", "secret": "s3cret", "capacity": 50}), 201).json(t)
	if created["health"] != core.HealthUnknown || created["state"] != core.NodeEnabled || created["capacity"].(float64) != 50 {
		t.Fatalf("created: %v", created)
	}
	id := created["id"].(string)
	upd := h.mustStatus(h.do("PATCH", "/api/v1/admin/nodes/"+id, admin, map[string]any{"state": "cordoned", "capacity": 75}), 200).json(t)
	if upd["state"] != "cordoned" || upd["capacity"].(float64) != 75 {
		t.Fatalf("updated: %v", upd)
	}
	h.mustStatus(h.do("DELETE", "/api/v1/admin/nodes/"+id, admin, nil), 204)
	h.mustStatus(h.do("GET", "/api/v1/admin/nodes/"+id, admin, nil), 404)
}

func TestMetricsAndHealth(t *testing.T) {
	h := newHarness(t, harnessOpts{nodes: 2})
	owner := h.register("Teacher")
	h.startRoom(owner, "Room", nil)
	h.poll()
	h.mustStatus(h.do("GET", "/healthz", "", nil), 200)
	h.mustStatus(h.do("GET", "/readyz", "", nil), 200)
	body := string(h.mustStatus(h.do("GET", "/metrics", "", nil), 200).body)
	for _, want := range []string{
		`switchboard_node_up{node="sim-1"} 1`, `switchboard_node_meetings{node=`, `switchboard_node_participants{node=`,
		`switchboard_node_free_capacity{node=`, `switchboard_poll_duration_seconds_count`,
		`switchboard_joins_total{result="ok",role="MODERATOR"} 1`, `switchboard_http_request_duration_seconds_bucket{method="POST",route="/api/v1/join"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
