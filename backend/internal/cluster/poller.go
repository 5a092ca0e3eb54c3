package cluster

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"switchboard/backend/internal/bbb"
	"switchboard/backend/internal/core"
)

// Leader grants the right to poll: exactly one replica holds it at a time.
type Leader interface {
	TryAcquire(ctx context.Context) (bool, error)
	Release()
}

// CPUSource reports each node's CPU use (0..1) by node ID; optional.
type CPUSource interface {
	CPU(ctx context.Context, nodes []*core.Node) (map[string]float64, error)
}

// PollObserver receives each cycle's results, e.g. for metrics.
type PollObserver interface {
	ObservePoll(d time.Duration, nodes []*core.Node)
}

// Poller asks every node for its meetings once per interval.
type Poller struct {
	Nodes       core.NodeStore
	BBB         *bbb.Client
	Interval    time.Duration
	Timeout     time.Duration // per node call
	Concurrency int
	Health      Hysteresis
	Now         func() time.Time
	Leader      Leader    // nil: always poll
	CPU         CPUSource // nil: no CPU signal
	Observer    PollObserver
	Log         *slog.Logger
}

// Run polls until ctx ends. The first cycle runs at once so a fresh start
// knows its nodes quickly.
func (p *Poller) Run(ctx context.Context) error {
	if p.Leader != nil {
		defer p.Leader.Release()
	}
	t := time.NewTicker(p.Interval)
	defer t.Stop()
	for {
		p.tick(ctx)
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

func (p *Poller) tick(ctx context.Context) {
	if p.Log == nil {
		p.Log = slog.Default()
	}
	if p.Leader != nil {
		ok, err := p.Leader.TryAcquire(ctx)
		if err != nil || !ok {
			if err != nil && ctx.Err() == nil {
				p.Log.Warn("poller leadership check failed", "err", err)
			}
			return
		}
	}
	if err := p.Cycle(ctx); err != nil && ctx.Err() == nil {
		p.Log.Warn("poll cycle failed", "err", err)
	}
}

// Cycle polls every enabled or cordoned node once, concurrently within the
// bound, each under its own deadline, and records the results.
func (p *Poller) Cycle(ctx context.Context) error {
	if p.Log == nil {
		p.Log = slog.Default()
	}
	start := time.Now()
	nodes, err := p.Nodes.ListNodes(ctx)
	if err != nil {
		return err
	}
	var cpu map[string]float64
	if p.CPU != nil {
		cctx, cancel := context.WithTimeout(ctx, p.Timeout)
		cpu, err = p.CPU.CPU(cctx, nodes)
		cancel()
		if err != nil {
			p.Log.Warn("reading node CPU failed", "err", err)
		}
	}
	sem := make(chan struct{}, max(p.Concurrency, 1))
	var wg sync.WaitGroup
	for _, n := range nodes {
		if n.State == core.NodeDisabled {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(n *core.Node) {
			defer wg.Done()
			defer func() { <-sem }()
			res := p.pollNode(ctx, n)
			if v, ok := cpu[n.ID]; ok {
				res.CPU = &v
			}
			if err := p.Nodes.RecordPoll(ctx, res); err != nil && ctx.Err() == nil {
				p.Log.Warn("recording poll failed", "node", n.Name, "err", err)
			}
		}(n)
	}
	wg.Wait()
	if p.Observer != nil {
		if after, err := p.Nodes.ListNodes(ctx); err == nil {
			p.Observer.ObservePoll(time.Since(start), after)
		}
	}
	return nil
}

func (p *Poller) pollNode(ctx context.Context, n *core.Node) core.PollResult {
	started := p.Now()
	cctx, cancel := context.WithTimeout(ctx, p.Timeout)
	defer cancel()
	meetings, err := p.BBB.MeetingLoads(cctx, ServerOf(n))
	res := core.PollResult{NodeID: n.ID, StartedAt: started}
	res.Health, res.FailStreak, res.OKStreak = p.Health.Next(n.Health, n.FailStreak, n.OKStreak, err == nil)
	if err != nil {
		res.Err = pollError(err, p.Timeout)
		if res.Health != n.Health {
			p.Log.Warn("node went offline", "node", n.Name, "err", res.Err)
		}
		return res
	}
	if res.Health != n.Health {
		p.Log.Info("node is online", "node", n.Name)
	}
	res.PerMeeting = make(map[string]int, len(meetings))
	for _, m := range meetings {
		res.Meetings++
		res.Participants += m.ParticipantCount
		res.PerMeeting[m.MeetingID] = m.ParticipantCount
	}
	return res
}

// pollError is the reason stored in a node's last_error, for admins.
func pollError(err error, timeout time.Duration) string {
	var t interface{ Timeout() bool }
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &t) && t.Timeout()) {
		return "no answer within " + timeout.String()
	}
	msg := err.Error()
	if len(msg) > 500 {
		msg = msg[:500]
	}
	return msg
}

// ServerOf turns a node into the BBB client's coordinates.
func ServerOf(n *core.Node) bbb.Server {
	alg, err := bbb.ParseAlgorithm(n.Algorithm)
	if err != nil {
		alg = bbb.SHA256
	}
	return bbb.Server{APIURL: n.APIURL, Secret: n.Secret, Algorithm: alg}
}
