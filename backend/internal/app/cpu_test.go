package app_test

import (
	"testing"
)

// With SWITCHBOARD_PROMETHEUS_URL set, a node whose CPU is above the
// threshold counts as full: new meetings go elsewhere even when it has the
// most free seats. bbbsim answers the Prometheus query API with each
// node's CPU figure.
func TestBusyCPUCountsAsFull(t *testing.T) {
	h := newHarnessWith(t, harnessOpts{nodes: 2}, func(simBase string) map[string]string {
		return map[string]string{"SWITCHBOARD_PROMETHEUS_URL": simBase + "/prometheus", "SWITCHBOARD_CPU_THRESHOLD": "0.8"}
	})
	admin := h.adminToken()
	owner := h.register("Teacher")
	// Node 2 has people, node 1 is empty but its CPU is busy.
	if err := h.sim.Preload(2, "busy", 30); err != nil {
		t.Fatal(err)
	}
	if err := h.sim.SetCPU(1, 0.95); err != nil {
		t.Fatal(err)
	}
	h.poll()
	for _, n := range h.mustStatus(h.do("GET", "/api/v1/admin/nodes", admin, nil), 200).list(t) {
		if n["name"] == "sim-1" && (n["cpu"] != 0.95 || n["free_capacity"].(float64) != 0) {
			t.Fatalf("busy node: %v", n)
		}
	}
	for i := 0; i < 3; i++ {
		if _, node := h.startRoom(owner, "Room", nil); node != 2 {
			t.Fatalf("placed on the busy node %d", node)
		}
	}
	// When the CPU calms down, node 1 takes new meetings again.
	_ = h.sim.SetCPU(1, 0.2)
	h.poll()
	if _, node := h.startRoom(owner, "Later", nil); node != 1 {
		t.Fatalf("placed on node %d, want the now idle node 1", node)
	}
}
