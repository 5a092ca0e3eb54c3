package postgres

import (
	"context"
	"strings"
	"time"

	"switchboard/backend/internal/core"
)

type userRow struct {
	ID           string `gorm:"primaryKey;default:gen_random_uuid()"`
	Email        string
	Name         string
	PasswordHash string
	Role         string
	CreatedAt    time.Time
}

func (userRow) TableName() string { return "users" }

func (r *userRow) toCore() *core.User {
	return &core.User{ID: r.ID, Email: r.Email, Name: r.Name, Role: r.Role, PasswordHash: r.PasswordHash, CreatedAt: r.CreatedAt}
}

// CreateUser inserts u and fills its ID and CreatedAt.
func (db *DB) CreateUser(ctx context.Context, u *core.User) error {
	row := userRow{Email: strings.TrimSpace(u.Email), Name: u.Name, PasswordHash: u.PasswordHash, Role: u.Role, CreatedAt: db.Now()}
	if err := db.ctx(ctx).Create(&row).Error; err != nil {
		return mapConflict(err)
	}
	u.ID, u.CreatedAt = row.ID, row.CreatedAt
	return nil
}

// UserByID returns the user or ENotFound.
func (db *DB) UserByID(ctx context.Context, id string) (*core.User, error) {
	if !isUUID(id) {
		return nil, core.Errorf(core.ENotFound, "User not found.")
	}
	var row userRow
	if err := db.ctx(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, mapErr(err)
	}
	return row.toCore(), nil
}

// UserByEmail finds a user by email, case-insensitively.
func (db *DB) UserByEmail(ctx context.Context, email string) (*core.User, error) {
	var row userRow
	if err := db.ctx(ctx).Where("lower(email) = lower(?)", strings.TrimSpace(email)).Take(&row).Error; err != nil {
		return nil, mapErr(err)
	}
	return row.toCore(), nil
}

// ListUsers returns every user, oldest first.
func (db *DB) ListUsers(ctx context.Context) ([]*core.User, error) {
	var rows []userRow
	if err := db.ctx(ctx).Order("created_at, email").Find(&rows).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([]*core.User, len(rows))
	for i := range rows {
		out[i] = rows[i].toCore()
	}
	return out, nil
}

// SetUserRole changes a user's role.
func (db *DB) SetUserRole(ctx context.Context, id, role string) error {
	if !isUUID(id) {
		return core.Errorf(core.ENotFound, "User not found.")
	}
	res := db.ctx(ctx).Model(&userRow{}).Where("id = ?", id).Update("role", role)
	if res.Error != nil {
		return mapErr(res.Error)
	}
	if res.RowsAffected == 0 {
		return core.Errorf(core.ENotFound, "User not found.")
	}
	return nil
}

// DeleteUser removes a user; rooms and refresh tokens cascade.
func (db *DB) DeleteUser(ctx context.Context, id string) error {
	if !isUUID(id) {
		return core.Errorf(core.ENotFound, "User not found.")
	}
	res := db.ctx(ctx).Where("id = ?", id).Delete(&userRow{})
	if res.Error != nil {
		return mapErr(res.Error)
	}
	if res.RowsAffected == 0 {
		return core.Errorf(core.ENotFound, "User not found.")
	}
	return nil
}

// isUUID keeps malformed IDs from reaching Postgres as a type error.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return false
			}
		case (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'):
		default:
			return false
		}
	}
	return true
}
