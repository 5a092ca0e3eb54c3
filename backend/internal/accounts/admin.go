package accounts

import (
	"context"

	"switchboard/backend/internal/core"
)

// UserUpdate is what an admin may change about an account.
type UserUpdate struct {
	Role *string `json:"role"`
}

// UpdateUser changes a user's role. Admins cannot demote themselves, so a
// cluster never loses its last way in by accident.
func (s *Service) UpdateUser(ctx context.Context, caller *core.User, id string, in UserUpdate) (*core.User, error) {
	if in.Role != nil {
		if *in.Role != core.RoleUser && *in.Role != core.RoleAdmin {
			return nil, core.FieldErrors{"role": "must be user or admin"}.Err()
		}
		if id == caller.ID && *in.Role != core.RoleAdmin {
			return nil, core.Errorf(core.EConflict, "You cannot remove your own admin role; ask another admin.")
		}
		if err := s.Users.SetUserRole(ctx, id, *in.Role); err != nil {
			return nil, err
		}
	}
	return s.Users.UserByID(ctx, id)
}

// DeleteUser removes an account and its rooms. Admins cannot delete themselves.
func (s *Service) DeleteUser(ctx context.Context, caller *core.User, id string) error {
	if id == caller.ID {
		return core.Errorf(core.EConflict, "You cannot delete your own account here; ask another admin.")
	}
	return s.Users.DeleteUser(ctx, id)
}
