// Package cluster knows the BBB nodes: it polls them, keeps their health,
// computes their load and places meetings on the one with most free capacity.
package cluster

import (
	"math/rand/v2"

	"switchboard/backend/internal/core"
)

// Placement chooses a node for a new meeting.
type Placement struct {
	// CPUThreshold treats nodes whose CPU use is above it as full; 0 disables it.
	CPUThreshold float64
	// Intn breaks ties; nil uses math/rand.
	Intn func(n int) int
}

// Eligible reports whether n may receive a new meeting at all.
func Eligible(n *core.Node) bool {
	return n.State == core.NodeEnabled && n.Health == core.HealthOnline
}

// Free returns the node's free capacity as placement sees it.
func (p Placement) Free(n *core.Node) int {
	if p.CPUThreshold > 0 && n.CPU != nil && *n.CPU > p.CPUThreshold {
		return 0
	}
	return n.FreeCapacity()
}

// Pick returns the eligible node with the most free capacity; ties break at
// random so equal nodes share a burst. A cluster without room answers
// EUnavailable with a message that says why.
func (p Placement) Pick(nodes []*core.Node) (*core.Node, error) {
	var best []*core.Node
	bestFree := 0
	eligible := 0
	for _, n := range nodes {
		if !Eligible(n) {
			continue
		}
		eligible++
		free := p.Free(n)
		switch {
		case free <= 0:
		case free > bestFree:
			best, bestFree = []*core.Node{n}, free
		case free == bestFree:
			best = append(best, n)
		}
	}
	if len(best) == 0 {
		if eligible == 0 {
			return nil, core.Errorf(core.EUnavailable, "No BBB server is available right now: every node is offline, cordoned or disabled. Please try again in a few minutes.")
		}
		return nil, core.Errorf(core.EUnavailable, "All BBB servers are full right now. Please try again in a few minutes.")
	}
	intn := p.Intn
	if intn == nil {
		intn = rand.IntN
	}
	return best[intn(len(best))], nil
}
