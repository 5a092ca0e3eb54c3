package core

import (
	"context"
	"time"
)

// Node states, chosen by admins.
const (
	NodeEnabled  = "enabled"  // takes new meetings
	NodeCordoned = "cordoned" // keeps its meetings, gets no new ones
	NodeDisabled = "disabled" // not polled, gets nothing
)

// Node health, decided by the poller with hysteresis.
const (
	HealthOnline  = "online"
	HealthOffline = "offline"
	HealthUnknown = "unknown"
)

// Node is one BBB server.
type Node struct {
	ID        string
	Name      string
	APIURL    string // ends in /bigbluebutton/api
	Secret    string // write-only over the API
	Algorithm string // checksum algorithm used towards this node
	Capacity  int
	State     string
	CreatedAt time.Time
	UpdatedAt time.Time

	// Observed by the poller.
	Health       string
	FailStreak   int
	OKStreak     int
	Meetings     int
	Participants int
	CPU          *float64
	LastPolledAt *time.Time // when the last successful or failed poll started
	LastError    string

	// Reserved is computed at read time for placement: seats held by
	// meetings placed since the node's last poll.
	Reserved int
}

// ServesMeetings reports whether the node may still serve the meetings it
// hosts: cordoned nodes do, offline and disabled ones do not.
func (n *Node) ServesMeetings() bool {
	return n.Health != HealthOffline && n.State != NodeDisabled
}

// FreeCapacity is capacity minus load; negative when overbooked.
func (n *Node) FreeCapacity() int { return n.Capacity - n.Participants - n.Reserved }

// NodeStore persists nodes and the poller's observations.
type NodeStore interface {
	CreateNode(ctx context.Context, n *Node) error // EConflict on duplicate name or URL
	NodeByID(ctx context.Context, id string) (*Node, error)
	ListNodes(ctx context.Context) ([]*Node, error) // with Reserved filled
	UpdateNode(ctx context.Context, n *Node) error  // admin fields: name, url, secret, algorithm, capacity, state
	DeleteNode(ctx context.Context, id string) error
	// RecordPoll stores one node's poll result and, when it succeeded, the
	// participant counts of the meetings it reported; live meetings on that
	// node created before startedAt and not reported are marked ended.
	RecordPoll(ctx context.Context, r PollResult) error
}

// PollResult is what one getMeetings call on one node found.
type PollResult struct {
	NodeID       string
	StartedAt    time.Time
	Health       string
	FailStreak   int
	OKStreak     int
	Err          string         // empty on success
	Meetings     int            // on success
	Participants int            // on success, breakouts included
	PerMeeting   map[string]int // BBB meetingID → participants, on success
	CPU          *float64
}
