// Package metrics defines Switchboard's Prometheus metrics on a registry of
// its own, so tests can boot several apps in one process.
package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"switchboard/backend/internal/cluster"
	"switchboard/backend/internal/core"
)

// Metrics holds every collector.
type Metrics struct {
	Registry         *prometheus.Registry
	NodeUp           *prometheus.GaugeVec
	NodeMeetings     *prometheus.GaugeVec
	NodeParticipants *prometheus.GaugeVec
	NodeFree         *prometheus.GaugeVec
	PollDuration     prometheus.Histogram
	Joins            *prometheus.CounterVec
	HTTPDuration     *prometheus.HistogramVec
	GatewayCalls     *prometheus.CounterVec
}

// New registers all collectors on a fresh registry.
func New() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		NodeUp: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "switchboard_node_up",
			Help: "1 when the node is online, 0 when offline or unknown."}, []string{"node"}),
		NodeMeetings: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "switchboard_node_meetings",
			Help: "Meetings on the node at the last poll."}, []string{"node"}),
		NodeParticipants: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "switchboard_node_participants",
			Help: "Participants on the node at the last poll."}, []string{"node"}),
		NodeFree: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "switchboard_node_free_capacity",
			Help: "Capacity minus participants minus reserved seats."}, []string{"node"}),
		PollDuration: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "switchboard_poll_duration_seconds",
			Help: "Duration of one poll cycle over all nodes.", Buckets: prometheus.DefBuckets}),
		Joins: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "switchboard_joins_total",
			Help: "Join attempts by role and result."}, []string{"role", "result"}),
		HTTPDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "switchboard_http_request_duration_seconds",
			Help: "HTTP request latency by route.", Buckets: prometheus.DefBuckets}, []string{"method", "route", "status"}),
		GatewayCalls: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "switchboard_gateway_calls_total",
			Help: "BBB API gateway calls by call and result."}, []string{"call", "result"}),
	}
	m.Registry.MustRegister(m.NodeUp, m.NodeMeetings, m.NodeParticipants, m.NodeFree, m.PollDuration, m.Joins,
		m.HTTPDuration, m.GatewayCalls, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// ObservePoll implements cluster.PollObserver.
func (m *Metrics) ObservePoll(d time.Duration, nodes []*core.Node) {
	m.PollDuration.Observe(d.Seconds())
	m.NodeUp.Reset()
	m.NodeMeetings.Reset()
	m.NodeParticipants.Reset()
	m.NodeFree.Reset()
	p := cluster.Placement{}
	for _, n := range nodes {
		up := 0.0
		if n.Health == core.HealthOnline {
			up = 1
		}
		m.NodeUp.WithLabelValues(n.Name).Set(up)
		m.NodeMeetings.WithLabelValues(n.Name).Set(float64(n.Meetings))
		m.NodeParticipants.WithLabelValues(n.Name).Set(float64(n.Participants))
		m.NodeFree.WithLabelValues(n.Name).Set(float64(p.Free(n)))
	}
}
