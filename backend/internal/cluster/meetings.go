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
		return core.Wrap(core.EUnavailable, "The BBB server "+n.Name+" could not start the meeting. Please try again.",
			&NodeError{NodeID: n.ID, Err: err})
	}
	return s.Store.Place(ctx, &m, pick, wrapped)
}

// NodeError is a create that failed on one node (no answer, or a FAILED
// answer). Callers may try again without that node.
type NodeError struct {
	NodeID string
	Err    error
}

func (e *NodeError) Error() string { return e.Err.Error() }
func (e *NodeError) Unwrap() error { return e.Err }

// EnsureOnAnyNode is Ensure that, when the chosen node fails the create,
// tries the next best node, up to attempts nodes in all: between two
// polls a node that just died still looks online, and the person joining
// should not have to find that out.
func (s *Meetings) EnsureOnAnyNode(ctx context.Context, m core.Meeting, attempts int, create CreateFunc) (*core.LiveMeeting, bool, error) {
	skip := map[string]bool{}
	var lastNodeErr error
	for {
		lm, created, err := s.EnsureExcept(ctx, m, skip, create)
		var ne *NodeError
		switch {
		case err == nil:
			return lm, created, nil
		case errors.As(err, &ne) && len(skip)+1 < attempts:
			skip[ne.NodeID], lastNodeErr = true, err
		case lastNodeErr != nil && !errors.As(err, &ne):
			// No node left to try: say why the last one failed, not "none available".
			return nil, false, lastNodeErr
		default:
			return nil, false, err
		}
	}
}
