package cluster

import (
	"context"
	"errors"

	"switchboard/backend/internal/bbb"
	"switchboard/backend/internal/core"
)

// Meetings starts meetings on the right node. Portal rooms and the gateway
// both go through Ensure, so they share one placement and one meeting table.
type Meetings struct {
	Nodes     core.NodeStore
	Store     core.MeetingStore
	BBB       *bbb.Client
	Placement Placement
}

// CreateFunc calls create on the chosen node. Returning an error rolls the
// placement back so the next join tries again.
type CreateFunc func(ctx context.Context, node *core.Node, server bbb.Server) error

// Ensure returns the live meeting m.MeetingID, creating it on the node with
// the most free capacity when none runs (or when its node went offline).
// created tells whether this call created it.
func (s *Meetings) Ensure(ctx context.Context, m core.Meeting, create CreateFunc) (*core.LiveMeeting, bool, error) {
	return s.EnsureExcept(ctx, m, nil, create)
}

// EnsureExcept is Ensure with some nodes left out of placement, e.g. nodes
// that just failed to answer a create.
func (s *Meetings) EnsureExcept(ctx context.Context, m core.Meeting, skip map[string]bool, create CreateFunc) (*core.LiveMeeting, bool, error) {
	pick := func(nodes []*core.Node) (*core.Node, error) {
		if len(skip) > 0 {
			kept := nodes[:0:0]
			for _, n := range nodes {
				if !skip[n.ID] {
					kept = append(kept, n)
				}
			}
			nodes = kept
		}
		return s.Placement.Pick(nodes)
	}
	wrapped := func(ctx context.Context, n *core.Node) error {
		err := create(ctx, n, ServerOf(n))
		if err == nil {
			return nil
		}
		var ce *core.Error
		if errors.As(err, &ce) {
			return err
		}
		return core.Wrap(core.EUnavailable, "The BBB server "+n.Name+" could not start the meeting. Please try again.", err)
	}
	return s.Store.Place(ctx, &m, pick, wrapped)
}

// Pick returns the node a new meeting would go to now.
func (s *Meetings) Pick(ctx context.Context) (*core.Node, error) {
	nodes, err := s.Nodes.ListNodes(ctx)
	if err != nil {
		return nil, err
	}
	return s.Placement.Pick(nodes)
}
