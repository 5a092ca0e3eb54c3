package cluster

import (
	"fmt"
	"testing"

	"switchboard/backend/internal/core"
)

// benchNodes builds a realistic cluster: mostly online and enabled nodes with
// different loads, a few cordoned, offline or CPU-hot, and some ties so the
// tie-break path runs too.
func benchNodes(n int) []*core.Node {
	nodes := make([]*core.Node, n)
	for i := range nodes {
		nd := node(fmt.Sprintf("node-%04d", i), 200, (i*37)%150, withReserved((i*13)%20))
		switch i % 10 {
		case 3:
			nd.State = core.NodeCordoned
		case 7:
			nd.Health = core.HealthOffline
		case 9:
			nd.CPU = ptr(0.95)
		}
		nodes[i] = nd
	}
	return nodes
}

// BenchmarkPick measures one placement decision over the node list that
// ListNodes returns (the database read is not included).
//
//	go test -run '^$' -bench BenchmarkPick -benchmem ./backend/internal/cluster
func BenchmarkPick(b *testing.B) {
	p := Placement{CPUThreshold: 0.85}
	for _, n := range []int{3, 50, 1000} {
		nodes := benchNodes(n)
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Pick(nodes); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
