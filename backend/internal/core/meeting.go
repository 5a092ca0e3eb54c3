package core

import (
	"context"
	"time"
)

// Meeting sources: a portal room or a BBB API client using the gateway.
const (
	SourceRoom    = "room"
	SourceGateway = "gateway"
)

// RoomMeetingPrefix starts the BBB meetingID of every portal room, so the
// gateway can refuse it and the two kinds of meeting never collide.
const RoomMeetingPrefix = "switchboard-room-"

// RoomMeetingID is the BBB meetingID used for a room's meetings.
func RoomMeetingID(roomID string) string { return RoomMeetingPrefix + roomID }

// Meeting is one live (or ended) BBB meeting that Switchboard placed.
type Meeting struct {
	ID           string
	RoomID       *string
	MeetingID    string // the BBB meetingID on the node
	NodeID       string
	Source       string
	ExpectedSize int
	Participants int
	CreatedAt    time.Time
	EndedAt      *time.Time
}

// LiveMeeting is a live meeting with the node that hosts it, as the join path needs.
type LiveMeeting struct {
	Meeting Meeting
	Node    Node
}

// MeetingStore persists meetings. The database guarantees at most one live
// meeting per room and per BBB meetingID.
type MeetingStore interface {
	// LiveMeeting returns the live meeting with this BBB meetingID and its node, or ENotFound.
	LiveMeeting(ctx context.Context, meetingID string) (*LiveMeeting, error)
	// Place inserts a live meeting row on the node pick chooses from all
	// nodes (read in the same transaction, with reserved seats), and calls
	// create while the row is uncommitted, so concurrent placements of the
	// same meetingID wait and then see the winner. If create fails the row
	// is rolled back. When a live meeting already exists on a usable node it
	// is returned with created=false.
	Place(ctx context.Context, m *Meeting, pick func(nodes []*Node) (*Node, error), create func(ctx context.Context, n *Node) error) (live *LiveMeeting, created bool, err error)
	EndMeeting(ctx context.Context, id string, now time.Time) error
}
