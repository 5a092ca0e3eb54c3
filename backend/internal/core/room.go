package core

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Guest policies BBB understands and rooms may choose.
const (
	GuestAlwaysAccept = "ALWAYS_ACCEPT"
	GuestAskModerator = "ASK_MODERATOR"
)

// MaxNameLength bounds room, node and user names.
const MaxNameLength = 200

// RoomSettings are typed per-room options passed to BBB on create.
type RoomSettings struct {
	Welcome            string `json:"welcome"`
	MaxParticipants    int    `json:"max_participants"`
	MuteOnStart        bool   `json:"mute_on_start"`
	GuestPolicy        string `json:"guest_policy"`
	AnyoneCanStart     bool   `json:"anyone_can_start"`
	AllJoinAsModerator bool   `json:"all_join_as_moderator"`
	Record             bool   `json:"record"`
	ExpectedSize       int    `json:"expected_size"` // a placement hint: seats to reserve
}

// DefaultRoomSettings are what a room gets when the creator says nothing.
func DefaultRoomSettings() RoomSettings {
	return RoomSettings{GuestPolicy: GuestAlwaysAccept}
}

// RoomSettingsPatch changes only the fields that are set.
type RoomSettingsPatch struct {
	Welcome            *string `json:"welcome"`
	MaxParticipants    *int    `json:"max_participants"`
	MuteOnStart        *bool   `json:"mute_on_start"`
	GuestPolicy        *string `json:"guest_policy"`
	AnyoneCanStart     *bool   `json:"anyone_can_start"`
	AllJoinAsModerator *bool   `json:"all_join_as_moderator"`
	Record             *bool   `json:"record"`
	ExpectedSize       *int    `json:"expected_size"`
}

// Apply copies the set fields of p onto s.
func (p *RoomSettingsPatch) Apply(s *RoomSettings) {
	if p == nil {
		return
	}
	if p.Welcome != nil {
		s.Welcome = *p.Welcome
	}
	if p.MaxParticipants != nil {
		s.MaxParticipants = *p.MaxParticipants
	}
	if p.MuteOnStart != nil {
		s.MuteOnStart = *p.MuteOnStart
	}
	if p.GuestPolicy != nil {
		s.GuestPolicy = *p.GuestPolicy
	}
	if p.AnyoneCanStart != nil {
		s.AnyoneCanStart = *p.AnyoneCanStart
	}
	if p.AllJoinAsModerator != nil {
		s.AllJoinAsModerator = *p.AllJoinAsModerator
	}
	if p.Record != nil {
		s.Record = *p.Record
	}
	if p.ExpectedSize != nil {
		s.ExpectedSize = *p.ExpectedSize
	}
}

// Validate records problems with s under "settings.<field>".
func (s *RoomSettings) Validate(fe FieldErrors) {
	if utf8.RuneCountInString(s.Welcome) > 5000 {
		fe.Add("settings.welcome", "must be at most 5000 characters")
	}
	if s.MaxParticipants < 0 || s.MaxParticipants > 100000 {
		fe.Add("settings.max_participants", "must be between 0 (no limit) and 100000")
	}
	if s.GuestPolicy != GuestAlwaysAccept && s.GuestPolicy != GuestAskModerator {
		fe.Add("settings.guest_policy", "must be ALWAYS_ACCEPT or ASK_MODERATOR")
	}
	if s.ExpectedSize < 0 || s.ExpectedSize > 100000 {
		fe.Add("settings.expected_size", "must be between 0 and 100000")
	}
}

// ValidateName checks a display name of a room, node or user.
func ValidateName(fe FieldErrors, field, name string) {
	switch n := utf8.RuneCountInString(strings.TrimSpace(name)); {
	case n == 0:
		fe.Add(field, "must not be empty")
	case n > MaxNameLength:
		fe.Add(field, "must be at most 200 characters")
	}
}

// Room is a persistent meeting place with two share links.
type Room struct {
	ID           string
	OwnerID      string
	OwnerName    string
	Slug         string // attendee link: /r/{slug}
	ModeratorKey string // moderator link: /m/{key}; a secret
	Name         string
	Settings     RoomSettings
	CreatedAt    time.Time
	UpdatedAt    time.Time

	// Live is the room's live meeting and its node, filled by every room read
	// (one query), nil when no meeting runs.
	Live *LiveMeeting
}

// NodeRef names a node without exposing anything secret.
type NodeRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// RoomFilter selects rooms for a listing.
type RoomFilter struct {
	OwnerID string // empty: all rooms (admins)
}

// RoomStore persists rooms.
type RoomStore interface {
	CreateRoom(ctx context.Context, r *Room) error // EConflict on slug/key collision
	RoomByID(ctx context.Context, id string) (*Room, error)
	RoomBySlug(ctx context.Context, slug string) (*Room, error)
	RoomByModeratorKey(ctx context.Context, key string) (*Room, error)
	ListRooms(ctx context.Context, f RoomFilter) ([]*Room, error)
	UpdateRoom(ctx context.Context, r *Room) error // name, settings, slug, key
	DeleteRoom(ctx context.Context, id string) error
}
