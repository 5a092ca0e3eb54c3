package postgres

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"switchboard/backend/internal/core"
)

type meetingRow struct {
	ID           string `gorm:"primaryKey;default:gen_random_uuid()"`
	RoomID       *string
	MeetingID    string
	NodeID       string
	Source       string
	ExpectedSize int
	Participants int
	CreatedAt    time.Time
	EndedAt      *time.Time
}

func (meetingRow) TableName() string { return "meetings" }

const liveMeetingSelect = `SELECT ` + liveSelect + ` FROM meetings m JOIN nodes n ON n.id = m.node_id WHERE m.ended_at IS NULL `

// LiveMeeting returns the live meeting with this BBB meetingID and its node.
func (db *DB) LiveMeeting(ctx context.Context, meetingID string) (*core.LiveMeeting, error) {
	return liveMeeting(db.ctx(ctx), meetingID)
}

func liveMeeting(tx *gorm.DB, meetingID string) (*core.LiveMeeting, error) {
	var cols []liveColumns
	if err := tx.Raw(liveMeetingSelect+"AND m.meeting_id = ?", meetingID).Scan(&cols).Error; err != nil {
		return nil, mapErr(err)
	}
	if len(cols) == 0 {
		return nil, core.Errorf(core.ENotFound, "Meeting not found.")
	}
	return cols[0].toCore(), nil
}

// EndMeeting marks a live meeting ended.
func (db *DB) EndMeeting(ctx context.Context, id string, now time.Time) error {
	return mapErr(db.ctx(ctx).Model(&meetingRow{}).Where("id = ? AND ended_at IS NULL", id).Update("ended_at", now).Error)
}

// errLostRace means another transaction placed the meeting first.
var errLostRace = errors.New("meeting placed concurrently")

// Place implements core.MeetingStore.Place. The unique index on live
// meeting IDs makes concurrent placements of one meeting wait on the first
// inserter's transaction; they then find its row and return it.
func (db *DB) Place(ctx context.Context, m *core.Meeting,
	pick func(nodes []*core.Node) (*core.Node, error),
	create func(ctx context.Context, n *core.Node) error,
) (*core.LiveMeeting, bool, error) {
	for attempt := 0; attempt < 5; attempt++ {
		live, created, err := db.placeOnce(ctx, m, pick, create)
		if errors.Is(err, errLostRace) {
			continue
		}
		return live, created, err
	}
	return nil, false, core.Errorf(core.EUnavailable, "The meeting could not be started; try again.")
}

func (db *DB) placeOnce(ctx context.Context, m *core.Meeting,
	pick func(nodes []*core.Node) (*core.Node, error),
	create func(ctx context.Context, n *core.Node) error,
) (live *core.LiveMeeting, created bool, err error) {
	err = db.ctx(ctx).Transaction(func(tx *gorm.DB) error {
		existing, err := liveMeeting(tx, m.MeetingID)
		switch {
		case err == nil && existing.Node.ServesMeetings():
			live = existing
			return nil
		case err == nil:
			// Its node is offline or disabled: end it here and place anew.
			if err := tx.Model(&meetingRow{}).Where("id = ? AND ended_at IS NULL", existing.Meeting.ID).
				Update("ended_at", db.Now()).Error; err != nil {
				return err
			}
		case core.ErrorCode(err) != core.ENotFound:
			return err
		}
		// Nodes are read on this transaction's connection: a burst of
		// placements each holding a transaction must not also wait for a
		// second pooled connection.
		nodes, err := db.listNodes(tx)
		if err != nil {
			return err
		}
		node, err := pick(nodes)
		if err != nil {
			return err
		}
		row := meetingRow{RoomID: m.RoomID, MeetingID: m.MeetingID, NodeID: node.ID, Source: m.Source,
			ExpectedSize: m.ExpectedSize, CreatedAt: db.Now()}
		res := tx.Exec(`INSERT INTO meetings (room_id, meeting_id, node_id, source, expected_size, created_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (meeting_id) WHERE ended_at IS NULL DO NOTHING`,
			row.RoomID, row.MeetingID, row.NodeID, row.Source, row.ExpectedSize, row.CreatedAt)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errLostRace
		}
		if err := create(ctx, node); err != nil {
			return err
		}
		live, err = liveMeeting(tx, m.MeetingID)
		created = true
		return err
	})
	if err != nil {
		if errors.Is(err, errLostRace) {
			return nil, false, err
		}
		return nil, false, mapErr(err)
	}
	return live, created, nil
}
