package accounts

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/mail"
	"strings"
	"time"

	"switchboard/backend/internal/core"
)

// Service implements registration, sign-in and token refresh.
type Service struct {
	Users        core.UserStore
	Tokens       *Tokens
	RefreshTTL   time.Duration
	BcryptCost   int
	Registration bool // open registration
	Now          func() time.Time
}

// Session is what a successful sign-in or refresh hands out.
type Session struct {
	User         *core.User
	AccessToken  string
	ExpiresIn    int // seconds
	RefreshToken string
	RefreshTTL   time.Duration
}

// RegisterInput is a sign-up form.
type RegisterInput struct {
	Email    string `json:"email"`
	Name     string `json:"name"`
	Password string `json:"password"`
}

// Register creates a user account and signs it in.
func (s *Service) Register(ctx context.Context, in RegisterInput) (*Session, error) {
	if !s.Registration {
		return nil, core.Errorf(core.ERegistrationClosed, "Registration is closed on this server. Ask an administrator for an account.")
	}
	u, err := s.CreateUser(ctx, in, core.RoleUser)
	if err != nil {
		return nil, err
	}
	return s.startSession(ctx, u, "")
}

// CreateUser validates input and stores a user with the given role.
func (s *Service) CreateUser(ctx context.Context, in RegisterInput, role string) (*core.User, error) {
	fe := core.FieldErrors{}
	email := strings.TrimSpace(in.Email)
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email || !strings.Contains(email, ".") || len(email) > 254 {
		fe.Add("email", "must be a valid email address")
	}
	core.ValidateName(fe, "name", in.Name)
	if len([]rune(in.Password)) < MinPasswordLength {
		fe.Add("password", "must be at least 8 characters")
	} else if len(in.Password) > maxPasswordBytes {
		fe.Add("password", "must be at most 72 bytes")
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	hash, err := HashPassword(in.Password, s.BcryptCost)
	if err != nil {
		return nil, core.Wrap(core.EInternal, "Could not store the password.", err)
	}
	u := &core.User{Email: email, Name: strings.TrimSpace(in.Name), Role: role, PasswordHash: hash}
	if err := s.Users.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	return u, nil
}

// LoginInput is a sign-in form.
type LoginInput struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// Login checks a password and starts a session.
func (s *Service) Login(ctx context.Context, in LoginInput) (*Session, error) {
	fe := core.FieldErrors{}
	if strings.TrimSpace(in.Email) == "" {
		fe.Add("email", "is required")
	}
	if in.Password == "" {
		fe.Add("password", "is required")
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	bad := core.Errorf(core.EUnauthorized, "Email or password is wrong.")
	u, err := s.Users.UserByEmail(ctx, in.Email)
	if core.ErrorCode(err) == core.ENotFound {
		checkDummy(in.Password, s.BcryptCost)
		return nil, bad
	}
	if err != nil {
		return nil, err
	}
	if !CheckPassword(u.PasswordHash, in.Password) {
		return nil, bad
	}
	return s.startSession(ctx, u, "")
}

// Refresh spends a refresh token and issues a new pair. Presenting a token
// that was already spent revokes its whole family: someone copied it.
func (s *Service) Refresh(ctx context.Context, refreshToken string) (*Session, error) {
	bad := core.Errorf(core.EUnauthorized, "Your session has ended. Please sign in again.")
	if refreshToken == "" {
		return nil, bad
	}
	now := s.Now()
	t, err := s.Users.UseRefreshToken(ctx, hashToken(refreshToken), now)
	if core.ErrorCode(err) == core.ENotFound {
		return nil, bad
	}
	if err != nil {
		return nil, err
	}
	if t.UsedAt != nil {
		if err := s.Users.RevokeRefreshFamily(ctx, t.FamilyID, now); err != nil {
			return nil, err
		}
		return nil, bad
	}
	if t.RevokedAt != nil || now.After(t.ExpiresAt) {
		return nil, bad
	}
	u, err := s.Users.UserByID(ctx, t.UserID)
	if err != nil {
		if core.ErrorCode(err) == core.ENotFound {
			return nil, bad
		}
		return nil, err
	}
	return s.startSession(ctx, u, t.FamilyID)
}

// Logout revokes the family of the presented refresh token.
func (s *Service) Logout(ctx context.Context, refreshToken string) error {
	if refreshToken == "" {
		return nil
	}
	now := s.Now()
	t, err := s.Users.UseRefreshToken(ctx, hashToken(refreshToken), now)
	if core.ErrorCode(err) == core.ENotFound {
		return nil
	}
	if err != nil {
		return err
	}
	return s.Users.RevokeRefreshFamily(ctx, t.FamilyID, now)
}

// Authenticate turns an access token into its user.
func (s *Service) Authenticate(ctx context.Context, accessToken string) (*core.User, error) {
	id, err := s.Tokens.Verify(accessToken)
	if err != nil {
		return nil, core.Errorf(core.EUnauthorized, "Your access token is invalid or expired.")
	}
	u, err := s.Users.UserByID(ctx, id)
	if core.ErrorCode(err) == core.ENotFound {
		return nil, core.Errorf(core.EUnauthorized, "Your account no longer exists.")
	}
	return u, err
}

func (s *Service) startSession(ctx context.Context, u *core.User, familyID string) (*Session, error) {
	access, err := s.Tokens.Issue(u.ID)
	if err != nil {
		return nil, core.Wrap(core.EInternal, "Could not sign you in.", err)
	}
	refresh, err := randomToken(32)
	if err != nil {
		return nil, core.Wrap(core.EInternal, "Could not sign you in.", err)
	}
	if familyID == "" {
		familyID, err = randomUUID()
		if err != nil {
			return nil, core.Wrap(core.EInternal, "Could not sign you in.", err)
		}
	}
	rt := &core.RefreshToken{UserID: u.ID, FamilyID: familyID, TokenHash: hashToken(refresh), ExpiresAt: s.Now().Add(s.RefreshTTL)}
	if err := s.Users.CreateRefreshToken(ctx, rt); err != nil {
		return nil, err
	}
	return &Session{User: u, AccessToken: access, ExpiresIn: int(s.Tokens.TTL.Seconds()), RefreshToken: refresh, RefreshTTL: s.RefreshTTL}, nil
}

// EnsureAdmin creates the bootstrap admin when no account has that email;
// an existing account with that email is promoted to admin.
func (s *Service) EnsureAdmin(ctx context.Context, email, password string, promote func(ctx context.Context, id string) error) error {
	u, err := s.Users.UserByEmail(ctx, email)
	switch {
	case err == nil:
		if u.Role != core.RoleAdmin {
			return promote(ctx, u.ID)
		}
		return nil
	case core.ErrorCode(err) != core.ENotFound:
		return err
	}
	_, err = s.CreateUser(ctx, RegisterInput{Email: email, Name: "Administrator", Password: password}, core.RoleAdmin)
	return err
}

func hashToken(t string) []byte {
	h := sha256.Sum256([]byte(t))
	return h[:]
}

func randomToken(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func randomUUID() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hex[c>>4], hex[c&0xf])
	}
	return string(out), nil
}
