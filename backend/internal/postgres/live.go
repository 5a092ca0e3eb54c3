package postgres

import (
	"time"

	"switchboard/backend/internal/core"
)

// liveSelect reads a live meeting (alias m) and its node (alias n) as
// prefixed columns; both may be NULL in a LEFT JOIN.
const liveSelect = `m.id AS m_id, m.room_id AS m_room_id, m.meeting_id AS m_meeting_id, m.node_id AS m_node_id,
 m.source AS m_source, m.expected_size AS m_expected_size, m.participants AS m_participants, m.created_at AS m_created_at,
 n.name AS n_name, n.api_url AS n_api_url, n.secret AS n_secret, n.algorithm AS n_algorithm, n.capacity AS n_capacity,
 n.state AS n_state, n.health AS n_health`

type liveColumns struct {
	MID           *string    `gorm:"column:m_id"`
	MRoomID       *string    `gorm:"column:m_room_id"`
	MMeetingID    *string    `gorm:"column:m_meeting_id"`
	MNodeID       *string    `gorm:"column:m_node_id"`
	MSource       *string    `gorm:"column:m_source"`
	MExpectedSize *int       `gorm:"column:m_expected_size"`
	MParticipants *int       `gorm:"column:m_participants"`
	MCreatedAt    *time.Time `gorm:"column:m_created_at"`
	NName         *string    `gorm:"column:n_name"`
	NApiUrl       *string    `gorm:"column:n_api_url"`
	NSecret       *string    `gorm:"column:n_secret"`
	NAlgorithm    *string    `gorm:"column:n_algorithm"`
	NCapacity     *int       `gorm:"column:n_capacity"`
	NState        *string    `gorm:"column:n_state"`
	NHealth       *string    `gorm:"column:n_health"`
}

func (c *liveColumns) toCore() *core.LiveMeeting {
	if c.MID == nil || c.NName == nil {
		return nil
	}
	return &core.LiveMeeting{
		Meeting: core.Meeting{ID: *c.MID, RoomID: c.MRoomID, MeetingID: *c.MMeetingID, NodeID: *c.MNodeID,
			Source: *c.MSource, ExpectedSize: *c.MExpectedSize, Participants: *c.MParticipants, CreatedAt: *c.MCreatedAt},
		Node: core.Node{ID: *c.MNodeID, Name: *c.NName, APIURL: *c.NApiUrl, Secret: *c.NSecret, Algorithm: *c.NAlgorithm,
			Capacity: *c.NCapacity, State: *c.NState, Health: *c.NHealth},
	}
}
