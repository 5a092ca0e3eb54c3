package postgres

import (
	"context"
	"time"

	"switchboard/backend/internal/core"
)

type roomRow struct {
	ID                 string `gorm:"primaryKey;default:gen_random_uuid()"`
	OwnerID            string
	Slug               string
	ModeratorKey       string
	Name               string
	Welcome            string
	MaxParticipants    int
	MuteOnStart        bool
	GuestPolicy        string
	AnyoneCanStart     bool
	AllJoinAsModerator bool
	Record             bool
	ExpectedSize       int
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

func (roomRow) TableName() string { return "rooms" }

func roomRowFrom(r *core.Room) roomRow {
	s := r.Settings
	return roomRow{ID: r.ID, OwnerID: r.OwnerID, Slug: r.Slug, ModeratorKey: r.ModeratorKey, Name: r.Name,
		Welcome: s.Welcome, MaxParticipants: s.MaxParticipants, MuteOnStart: s.MuteOnStart, GuestPolicy: s.GuestPolicy,
		AnyoneCanStart: s.AnyoneCanStart, AllJoinAsModerator: s.AllJoinAsModerator, Record: s.Record,
		ExpectedSize: s.ExpectedSize, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// roomView is a room with its owner's name and its live meeting and node,
// read in one query so the join path needs a single round trip.
type roomView struct {
	Room      roomRow `gorm:"embedded"`
	OwnerName string
	Live      liveColumns `gorm:"embedded"`
}

func (v *roomView) toCore() *core.Room {
	w := &v.Room
	r := &core.Room{ID: w.ID, OwnerID: w.OwnerID, OwnerName: v.OwnerName, Slug: w.Slug, ModeratorKey: w.ModeratorKey,
		Name: w.Name, CreatedAt: w.CreatedAt, UpdatedAt: w.UpdatedAt,
		Settings: core.RoomSettings{Welcome: w.Welcome, MaxParticipants: w.MaxParticipants, MuteOnStart: w.MuteOnStart,
			GuestPolicy: w.GuestPolicy, AnyoneCanStart: w.AnyoneCanStart, AllJoinAsModerator: w.AllJoinAsModerator,
			Record: w.Record, ExpectedSize: w.ExpectedSize}}
	r.Live = v.Live.toCore()
	return r
}

const roomSelect = `SELECT r.*, u.name AS owner_name, ` + liveSelect + `
FROM rooms r
JOIN users u ON u.id = r.owner_id
LEFT JOIN meetings m ON m.room_id = r.id AND m.ended_at IS NULL
LEFT JOIN nodes n ON n.id = m.node_id `

func (db *DB) roomWhere(ctx context.Context, where string, arg any) (*core.Room, error) {
	var views []roomView
	if err := db.ctx(ctx).Raw(roomSelect+"WHERE "+where, arg).Scan(&views).Error; err != nil {
		return nil, mapErr(err)
	}
	if len(views) == 0 {
		return nil, core.Errorf(core.ENotFound, "Room not found.")
	}
	return views[0].toCore(), nil
}

// CreateRoom inserts r and fills ID and timestamps.
func (db *DB) CreateRoom(ctx context.Context, r *core.Room) error {
	now := db.Now()
	r.CreatedAt, r.UpdatedAt = now, now
	row := roomRowFrom(r)
	row.ID = ""
	if err := db.ctx(ctx).Create(&row).Error; err != nil {
		return mapErr(err)
	}
	r.ID = row.ID
	return nil
}

// RoomByID returns a room with its live meeting.
func (db *DB) RoomByID(ctx context.Context, id string) (*core.Room, error) {
	if !isUUID(id) {
		return nil, core.Errorf(core.ENotFound, "Room not found.")
	}
	return db.roomWhere(ctx, "r.id = ?", id)
}

// RoomBySlug finds a room by its attendee slug.
func (db *DB) RoomBySlug(ctx context.Context, slug string) (*core.Room, error) {
	return db.roomWhere(ctx, "r.slug = ?", slug)
}

// RoomByModeratorKey finds a room by its moderator key.
func (db *DB) RoomByModeratorKey(ctx context.Context, key string) (*core.Room, error) {
	return db.roomWhere(ctx, "r.moderator_key = ?", key)
}

// ListRooms lists rooms, newest first.
func (db *DB) ListRooms(ctx context.Context, f core.RoomFilter) ([]*core.Room, error) {
	q, args := roomSelect, []any{}
	if f.OwnerID != "" {
		q += "WHERE r.owner_id = ? "
		args = append(args, f.OwnerID)
	}
	var views []roomView
	if err := db.ctx(ctx).Raw(q+"ORDER BY r.created_at DESC, r.id", args...).Scan(&views).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]*core.Room, len(views))
	for i := range views {
		out[i] = views[i].toCore()
	}
	return out, nil
}

// UpdateRoom saves name, settings and links.
func (db *DB) UpdateRoom(ctx context.Context, r *core.Room) error {
	r.UpdatedAt = db.Now()
	row := roomRowFrom(r)
	res := db.ctx(ctx).Model(&roomRow{}).Where("id = ?", r.ID).Select(
		"slug", "moderator_key", "name", "welcome", "max_participants", "mute_on_start", "guest_policy",
		"anyone_can_start", "all_join_as_moderator", "record", "expected_size", "updated_at").Updates(&row)
	if res.Error != nil {
		return mapErr(res.Error)
	}
	if res.RowsAffected == 0 {
		return core.Errorf(core.ENotFound, "Room not found.")
	}
	return nil
}

// DeleteRoom removes a room; its meeting rows stay as history.
func (db *DB) DeleteRoom(ctx context.Context, id string) error {
	res := db.ctx(ctx).Where("id = ?", id).Delete(&roomRow{})
	if res.Error != nil {
		return mapErr(res.Error)
	}
	if res.RowsAffected == 0 {
		return core.Errorf(core.ENotFound, "Room not found.")
	}
	return nil
}
