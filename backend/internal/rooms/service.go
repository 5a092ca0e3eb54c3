package rooms

import (
	"context"
	"strings"

	"switchboard/backend/internal/bbb"
	"switchboard/backend/internal/cluster"
	"switchboard/backend/internal/core"
)

// Service implements room management for owners and admins.
type Service struct {
	Rooms    core.RoomStore
	Meetings *cluster.Meetings
	BBB      *bbb.Client
	// PublicURL is where people reach Switchboard, for share links.
	PublicURL string
	// LogoutURL is where BBB sends people when they leave; optional.
	LogoutURL string
}

// Input creates or changes a room.
type Input struct {
	Name     *string                 `json:"name"`
	Settings *core.RoomSettingsPatch `json:"settings"`
}

// AttendeeURL is the room's attendee link.
func (s *Service) AttendeeURL(r *core.Room) string { return s.PublicURL + "/r/" + r.Slug }

// ModeratorURL is the room's moderator link.
func (s *Service) ModeratorURL(r *core.Room) string { return s.PublicURL + "/m/" + r.ModeratorKey }

// List returns the caller's rooms, or all rooms for admins.
func (s *Service) List(ctx context.Context, caller *core.User) ([]*core.Room, error) {
	f := core.RoomFilter{OwnerID: caller.ID}
	if caller.IsAdmin() {
		f.OwnerID = ""
	}
	return s.Rooms.ListRooms(ctx, f)
}

// Get returns a room the caller owns (or any room, for admins). Other
// people's rooms are reported as not found so IDs reveal nothing.
func (s *Service) Get(ctx context.Context, caller *core.User, id string) (*core.Room, error) {
	r, err := s.Rooms.RoomByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.OwnerID != caller.ID && !caller.IsAdmin() {
		return nil, core.Errorf(core.ENotFound, "Room not found.")
	}
	return r, nil
}

// Create validates in and stores a new room owned by the caller.
func (s *Service) Create(ctx context.Context, caller *core.User, in Input) (*core.Room, error) {
	r := &core.Room{OwnerID: caller.ID, OwnerName: caller.Name, Settings: core.DefaultRoomSettings()}
	if in.Name == nil {
		empty := ""
		in.Name = &empty
	}
	if err := apply(r, in); err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		if err := newLinks(r); err != nil {
			return nil, core.Wrap(core.EInternal, "Could not make room links.", err)
		}
		err := s.Rooms.CreateRoom(ctx, r)
		if core.ErrorCode(err) == core.EConflict && attempt < 3 {
			continue // a slug collided; draw again
		}
		if err != nil {
			return nil, err
		}
		return s.Rooms.RoomByID(ctx, r.ID)
	}
}

// Update changes name and settings.
func (s *Service) Update(ctx context.Context, caller *core.User, id string, in Input) (*core.Room, error) {
	r, err := s.Get(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	if err := apply(r, in); err != nil {
		return nil, err
	}
	if err := s.Rooms.UpdateRoom(ctx, r); err != nil {
		return nil, err
	}
	return s.Rooms.RoomByID(ctx, id)
}

// RotateLinks gives the room a new slug and moderator key; the old links stop working.
func (s *Service) RotateLinks(ctx context.Context, caller *core.User, id string) (*core.Room, error) {
	r, err := s.Get(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		if err := newLinks(r); err != nil {
			return nil, core.Wrap(core.EInternal, "Could not make room links.", err)
		}
		err := s.Rooms.UpdateRoom(ctx, r)
		if core.ErrorCode(err) == core.EConflict && attempt < 3 {
			continue
		}
		if err != nil {
			return nil, err
		}
		return s.Rooms.RoomByID(ctx, id)
	}
}

// Delete removes a room, ending its meeting on the node first (best effort:
// an unreachable node must not keep a room from being deleted).
func (s *Service) Delete(ctx context.Context, caller *core.User, id string) error {
	r, err := s.Get(ctx, caller, id)
	if err != nil {
		return err
	}
	if r.Live != nil {
		_ = s.BBB.End(ctx, cluster.ServerOf(&r.Live.Node), r.Live.Meeting.MeetingID)
	}
	return s.Rooms.DeleteRoom(ctx, id)
}

func apply(r *core.Room, in Input) error {
	fe := core.FieldErrors{}
	if in.Name != nil {
		r.Name = strings.TrimSpace(*in.Name)
		core.ValidateName(fe, "name", *in.Name)
	}
	in.Settings.Apply(&r.Settings)
	r.Settings.Validate(fe)
	return fe.Err()
}

func newLinks(r *core.Room) error {
	slug, err := NewSlug()
	if err != nil {
		return err
	}
	key, err := NewModeratorKey()
	if err != nil {
		return err
	}
	r.Slug, r.ModeratorKey = slug, key
	return nil
}
