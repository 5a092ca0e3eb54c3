package core

import (
	"context"
	"time"
)

// Roles a user can have.
const (
	RoleUser  = "user"
	RoleAdmin = "admin"
)

// User is a person with an account.
type User struct {
	ID           string    `json:"id"`
	Email        string    `json:"email"`
	Name         string    `json:"name"`
	Role         string    `json:"role"`
	PasswordHash string    `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
}

// IsAdmin reports whether u may manage nodes, users and every room.
func (u *User) IsAdmin() bool { return u != nil && u.Role == RoleAdmin }

// RefreshToken is a stored, hashed, single-use refresh token. Tokens issued
// from one login share a family so reuse of a spent token revokes them all.
type RefreshToken struct {
	ID        string
	UserID    string
	FamilyID  string
	TokenHash []byte
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
}

// UserStore persists users and refresh tokens.
type UserStore interface {
	CreateUser(ctx context.Context, u *User) error // EConflict on duplicate email
	UserByID(ctx context.Context, id string) (*User, error)
	UserByEmail(ctx context.Context, email string) (*User, error)
	ListUsers(ctx context.Context) ([]*User, error)
	SetUserRole(ctx context.Context, id, role string) error
	DeleteUser(ctx context.Context, id string) error // their rooms go with them

	CreateRefreshToken(ctx context.Context, t *RefreshToken) error
	// UseRefreshToken marks the token with this hash used and returns it as it
	// was before (so callers see an earlier UsedAt: that is reuse).
	UseRefreshToken(ctx context.Context, hash []byte, now time.Time) (*RefreshToken, error)
	RevokeRefreshFamily(ctx context.Context, familyID string, now time.Time) error
}
