package postgres

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"switchboard/backend/internal/core"
)

type refreshTokenRow struct {
	ID        string `gorm:"primaryKey;default:gen_random_uuid()"`
	UserID    string
	FamilyID  string
	TokenHash []byte
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
}

func (refreshTokenRow) TableName() string { return "refresh_tokens" }

// CreateRefreshToken stores a hashed refresh token.
func (db *DB) CreateRefreshToken(ctx context.Context, t *core.RefreshToken) error {
	row := refreshTokenRow{UserID: t.UserID, FamilyID: t.FamilyID, TokenHash: t.TokenHash, ExpiresAt: t.ExpiresAt, CreatedAt: db.Now()}
	if err := db.ctx(ctx).Create(&row).Error; err != nil {
		return mapErr(err)
	}
	t.ID = row.ID
	return nil
}

// UseRefreshToken locks the token row, marks it used and returns its state
// from before, so a caller that sees UsedAt != nil knows it was replayed.
func (db *DB) UseRefreshToken(ctx context.Context, hash []byte, now time.Time) (*core.RefreshToken, error) {
	var out *core.RefreshToken
	err := db.ctx(ctx).Transaction(func(tx *gorm.DB) error {
		var row refreshTokenRow
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("token_hash = ?", hash).Take(&row).Error; err != nil {
			return err
		}
		out = &core.RefreshToken{ID: row.ID, UserID: row.UserID, FamilyID: row.FamilyID, TokenHash: row.TokenHash,
			ExpiresAt: row.ExpiresAt, UsedAt: row.UsedAt, RevokedAt: row.RevokedAt}
		if row.UsedAt == nil {
			return tx.Model(&refreshTokenRow{}).Where("id = ?", row.ID).Update("used_at", now).Error
		}
		return nil
	})
	if err != nil {
		return nil, mapErr(err)
	}
	return out, nil
}

// RevokeRefreshFamily revokes every token issued from one sign-in.
func (db *DB) RevokeRefreshFamily(ctx context.Context, familyID string, now time.Time) error {
	err := db.ctx(ctx).Model(&refreshTokenRow{}).
		Where("family_id = ? AND revoked_at IS NULL", familyID).Update("revoked_at", now).Error
	return mapErr(err)
}
