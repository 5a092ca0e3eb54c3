package httpapi

import (
	"time"

	"switchboard/backend/internal/cluster"
	"switchboard/backend/internal/core"
	"switchboard/backend/internal/rooms"
)

type roomView struct {
	ID               string            `json:"id"`
	Slug             string            `json:"slug"`
	Name             string            `json:"name"`
	Settings         core.RoomSettings `json:"settings"`
	AttendeeURL      string            `json:"attendee_url"`
	ModeratorURL     string            `json:"moderator_url"`
	Running          bool              `json:"running"`
	ParticipantCount int               `json:"participant_count"`
	Node             *core.NodeRef     `json:"node"`
	OwnerID          string            `json:"owner_id"`
	OwnerName        string            `json:"owner_name"`
	CreatedAt        time.Time         `json:"created_at"`
	UpdatedAt        time.Time         `json:"updated_at"`
}

// viewRoom is only ever given to the room's owner or an admin: it carries
// the moderator link.
func viewRoom(svc *rooms.Service, r *core.Room) roomView {
	v := roomView{ID: r.ID, Slug: r.Slug, Name: r.Name, Settings: r.Settings, AttendeeURL: svc.AttendeeURL(r),
		ModeratorURL: svc.ModeratorURL(r), OwnerID: r.OwnerID, OwnerName: r.OwnerName, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if rooms.Running(r) {
		v.Running = true
		v.ParticipantCount = r.Live.Meeting.Participants
		v.Node = &core.NodeRef{ID: r.Live.Node.ID, Name: r.Live.Node.Name}
	}
	return v
}

type nodeView struct {
	ID           string     `json:"id"`
	Name         string     `json:"name"`
	APIURL       string     `json:"api_url"`
	Algorithm    string     `json:"algorithm"`
	Capacity     int        `json:"capacity"`
	State        string     `json:"state"`
	Health       string     `json:"health"`
	Meetings     int        `json:"meetings"`
	Participants int        `json:"participants"`
	Reserved     int        `json:"reserved"`
	FreeCapacity int        `json:"free_capacity"`
	CPU          *float64   `json:"cpu"`
	LastPolledAt *time.Time `json:"last_polled_at"`
	LastError    string     `json:"last_error"`
	CreatedAt    time.Time  `json:"created_at"`
}

// viewNode leaves the secret out: it is write-only.
func viewNode(p cluster.Placement, n *core.Node) nodeView {
	return nodeView{ID: n.ID, Name: n.Name, APIURL: n.APIURL, Algorithm: n.Algorithm, Capacity: n.Capacity,
		State: n.State, Health: n.Health, Meetings: n.Meetings, Participants: n.Participants, Reserved: n.Reserved,
		FreeCapacity: p.Free(n), CPU: n.CPU, LastPolledAt: n.LastPolledAt, LastError: n.LastError, CreatedAt: n.CreatedAt}
}
