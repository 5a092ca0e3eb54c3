package postgres

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm"

	"switchboard/backend/internal/core"
)

type nodeRow struct {
	ID           string `gorm:"primaryKey;default:gen_random_uuid()"`
	Name         string
	APIURL       string `gorm:"column:api_url"`
	Secret       string
	Algorithm    string
	Capacity     int
	State        string
	Health       string
	FailStreak   int
	OKStreak     int `gorm:"column:ok_streak"`
	Meetings     int
	Participants int
	CPU          *float64 `gorm:"column:cpu"`
	LastPolledAt *time.Time
	LastOKAt     *time.Time `gorm:"column:last_ok_at"`
	LastError    string
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Reserved     int `gorm:"->;-:migration"` // computed by nodeSelect
}

func (nodeRow) TableName() string { return "nodes" }

func (r *nodeRow) toCore() *core.Node {
	return &core.Node{ID: r.ID, Name: r.Name, APIURL: r.APIURL, Secret: r.Secret, Algorithm: r.Algorithm,
		Capacity: r.Capacity, State: r.State, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Health: r.Health,
		FailStreak: r.FailStreak, OKStreak: r.OKStreak, Meetings: r.Meetings, Participants: r.Participants,
		CPU: r.CPU, LastPolledAt: r.LastPolledAt, LastError: r.LastError, Reserved: r.Reserved}
}

// nodeSelect adds the seats reserved by meetings placed since the node's
// last successful poll: the poll has not counted their people yet.
const nodeSelect = `SELECT n.*, COALESCE((
  SELECT sum(greatest(m.expected_size, ?)) FROM meetings m
  WHERE m.node_id = n.id AND m.ended_at IS NULL AND (n.last_ok_at IS NULL OR m.created_at >= n.last_ok_at)
), 0) AS reserved FROM nodes n `

// CreateNode inserts n; a new node starts with unknown health.
func (db *DB) CreateNode(ctx context.Context, n *core.Node) error {
	now := db.Now()
	row := nodeRow{Name: n.Name, APIURL: n.APIURL, Secret: n.Secret, Algorithm: n.Algorithm, Capacity: n.Capacity,
		State: n.State, Health: core.HealthUnknown, CreatedAt: now, UpdatedAt: now}
	if err := db.ctx(ctx).Omit("Reserved").Create(&row).Error; err != nil {
		return mapConflict(err)
	}
	*n = *row.toCore()
	return nil
}

// NodeByID returns one node with its reserved seats.
func (db *DB) NodeByID(ctx context.Context, id string) (*core.Node, error) {
	if !isUUID(id) {
		return nil, core.Errorf(core.ENotFound, "Node not found.")
	}
	var rows []nodeRow
	if err := db.ctx(ctx).Raw(nodeSelect+"WHERE n.id = ?", db.ReserveFloor, id).Scan(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	if len(rows) == 0 {
		return nil, core.Errorf(core.ENotFound, "Node not found.")
	}
	return rows[0].toCore(), nil
}

// ListNodes returns all nodes by name, with reserved seats.
func (db *DB) ListNodes(ctx context.Context) ([]*core.Node, error) {
	return db.listNodes(db.ctx(ctx))
}

func (db *DB) listNodes(tx *gorm.DB) ([]*core.Node, error) {
	var rows []nodeRow
	if err := tx.Raw(nodeSelect+"ORDER BY n.name", db.ReserveFloor).Scan(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]*core.Node, len(rows))
	for i := range rows {
		out[i] = rows[i].toCore()
	}
	return out, nil
}

// UpdateNode saves the fields an admin controls.
func (db *DB) UpdateNode(ctx context.Context, n *core.Node) error {
	res := db.ctx(ctx).Model(&nodeRow{}).Where("id = ?", n.ID).Updates(map[string]any{
		"name": n.Name, "api_url": n.APIURL, "secret": n.Secret, "algorithm": n.Algorithm,
		"capacity": n.Capacity, "state": n.State, "updated_at": db.Now(),
	})
	if res.Error != nil {
		return mapConflict(res.Error)
	}
	if res.RowsAffected == 0 {
		return core.Errorf(core.ENotFound, "Node not found.")
	}
	return nil
}

// DeleteNode removes a node and, by cascade, its meeting rows.
func (db *DB) DeleteNode(ctx context.Context, id string) error {
	if !isUUID(id) {
		return core.Errorf(core.ENotFound, "Node not found.")
	}
	res := db.ctx(ctx).Where("id = ?", id).Delete(&nodeRow{})
	if res.Error != nil {
		return mapErr(res.Error)
	}
	if res.RowsAffected == 0 {
		return core.Errorf(core.ENotFound, "Node not found.")
	}
	return nil
}

// RecordPoll stores one node's poll outcome in one transaction.
func (db *DB) RecordPoll(ctx context.Context, r core.PollResult) error {
	return mapErr(db.ctx(ctx).Transaction(func(tx *gorm.DB) error {
		set := map[string]any{
			"health": r.Health, "fail_streak": r.FailStreak, "ok_streak": r.OKStreak,
			"last_polled_at": r.StartedAt, "last_error": r.Err, "cpu": r.CPU,
		}
		if r.Err == "" {
			set["meetings"], set["participants"], set["last_ok_at"] = r.Meetings, r.Participants, r.StartedAt
		}
		// An older poll finishing late must not overwrite a newer one.
		res := tx.Model(&nodeRow{}).Where("id = ? AND (last_polled_at IS NULL OR last_polled_at <= ?)", r.NodeID, r.StartedAt).Updates(set)
		if res.Error != nil {
			return res.Error
		}
		if r.Err != "" || res.RowsAffected == 0 {
			return nil
		}
		counts, err := json.Marshal(nonNilCounts(r.PerMeeting))
		if err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE meetings m SET participants = j.value::int
			FROM jsonb_each_text(?::jsonb) j
			WHERE m.node_id = ? AND m.ended_at IS NULL AND m.meeting_id = j.key`, string(counts), r.NodeID).Error; err != nil {
			return err
		}
		// Meetings the node no longer reports have ended there; meetings
		// created after the poll started may simply not be visible yet.
		return tx.Exec(`UPDATE meetings m SET ended_at = ?
			WHERE m.node_id = ? AND m.ended_at IS NULL AND m.created_at < ?
			AND NOT jsonb_exists(?::jsonb, m.meeting_id)`, db.Now(), r.NodeID, r.StartedAt, string(counts)).Error
	}))
}

func nonNilCounts(m map[string]int) map[string]int {
	if m == nil {
		return map[string]int{}
	}
	return m
}
