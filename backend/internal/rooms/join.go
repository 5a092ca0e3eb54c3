package rooms

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"switchboard/backend/internal/bbb"
	"switchboard/backend/internal/cluster"
	"switchboard/backend/internal/core"
)

// createAttempts bounds how many nodes one join tries when creates fail,
// each within createTimeout.
const (
	createAttempts = 3
	createTimeout  = 10 * time.Second
)

// BBB roles.
const (
	RoleViewer    = "VIEWER"
	RoleModerator = "MODERATOR"
)

// JoinInput names the room by one of its links and the person joining.
type JoinInput struct {
	Slug         string `json:"slug"`
	ModeratorKey string `json:"moderator_key"`
	Name         string `json:"name"`
}

// JoinResult is either a BBB join URL or "wait for a moderator".
type JoinResult struct {
	JoinURL string
	Role    string
	Waiting bool
}

// Public is what anyone holding a link may learn about a room.
type Public struct {
	Name      string `json:"name"`
	OwnerName string `json:"owner_name"`
	Running   bool   `json:"running"`
}

// PublicBySlug describes the room behind an attendee link.
func (s *Service) PublicBySlug(ctx context.Context, slug string) (*Public, error) {
	r, err := s.Rooms.RoomBySlug(ctx, slug)
	if err != nil {
		return nil, notFoundLink(err)
	}
	return &Public{Name: r.Name, OwnerName: r.OwnerName, Running: Running(r)}, nil
}

// PublicByModeratorKey describes the room behind a moderator link.
func (s *Service) PublicByModeratorKey(ctx context.Context, key string) (*Public, error) {
	r, err := s.Rooms.RoomByModeratorKey(ctx, key)
	if err != nil {
		return nil, notFoundLink(err)
	}
	return &Public{Name: r.Name, OwnerName: r.OwnerName, Running: Running(r)}, nil
}

// Running reports whether the room has a live meeting on a node that can serve joins.
func Running(r *core.Room) bool {
	return r.Live != nil && r.Live.Node.ServesMeetings()
}

func notFoundLink(err error) error {
	if core.ErrorCode(err) == core.ENotFound {
		return core.Errorf(core.ENotFound, "This link does not lead to a room. It may have been changed by the room's owner.")
	}
	return err
}

// Join finds or starts the room's meeting and returns a signed join URL.
// For a running meeting this is one database read and no BBB call.
func (s *Service) Join(ctx context.Context, caller *core.User, in JoinInput) (*JoinResult, error) {
	fe := core.FieldErrors{}
	slug, key := strings.TrimSpace(in.Slug), strings.TrimSpace(in.ModeratorKey)
	if (slug == "") == (key == "") {
		fe.Add("slug", "give either slug or moderator_key")
	}
	name := strings.TrimSpace(in.Name)
	if caller != nil {
		name = caller.Name
	}
	core.ValidateName(fe, "name", name)
	if err := fe.Err(); err != nil {
		return nil, err
	}

	var r *core.Room
	var err error
	role := RoleViewer
	if key != "" {
		r, err = s.Rooms.RoomByModeratorKey(ctx, key)
		role = RoleModerator
	} else {
		r, err = s.Rooms.RoomBySlug(ctx, slug)
	}
	if err != nil {
		return nil, notFoundLink(err)
	}
	if r.Settings.AllJoinAsModerator || (caller != nil && caller.ID == r.OwnerID) {
		role = RoleModerator
	}

	live := r.Live
	if !Running(r) {
		// A meeting that was live on a node now offline may be re-created by
		// anyone; a meeting nobody started waits for a moderator.
		if live == nil && role == RoleViewer && !r.Settings.AnyoneCanStart {
			return &JoinResult{Waiting: true, Role: role}, nil
		}
		live, _, err = s.Meetings.EnsureOnAnyNode(ctx, core.Meeting{
			RoomID: &r.ID, MeetingID: core.RoomMeetingID(r.ID), Source: core.SourceRoom, ExpectedSize: r.Settings.ExpectedSize,
		}, createAttempts, s.createFunc(r))
		if err != nil {
			return nil, err
		}
	}
	userID := guestUserID()
	if caller != nil {
		userID = "sb-" + caller.ID
	}
	params := bbb.JoinParams{MeetingID: live.Meeting.MeetingID, FullName: name, Role: role, UserID: userID}
	if role == RoleViewer && caller == nil && r.Settings.GuestPolicy == core.GuestAskModerator {
		// BBB applies the guest policy only to users joining as guests:
		// people without an account wait in the lobby for a moderator.
		params.Extra = url.Values{"guest": {"true"}}
	}
	joinURL := s.BBB.JoinURL(cluster.ServerOf(&live.Node), params)
	return &JoinResult{JoinURL: joinURL, Role: role}, nil
}

func (s *Service) createFunc(r *core.Room) cluster.CreateFunc {
	return func(ctx context.Context, _ *core.Node, server bbb.Server) error {
		// A hung node must not hold the person (and the placement row) for long.
		ctx, cancel := context.WithTimeout(ctx, createTimeout)
		defer cancel()
		p := bbb.CreateParams{
			MeetingID: core.RoomMeetingID(r.ID), Name: r.Name, Welcome: r.Settings.Welcome,
			GuestPolicy: r.Settings.GuestPolicy, MaxParticipants: r.Settings.MaxParticipants,
			MuteOnStart: r.Settings.MuteOnStart, Record: r.Settings.Record, LogoutURL: s.LogoutURL,
			Meta: map[string]string{"switchboard-room": r.ID},
		}
		_, err := s.BBB.Create(ctx, server, p)
		return err
	}
}

func guestUserID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "guest-" + hex.EncodeToString(b)
}
