package core

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func ptr[T any](v T) *T { return &v }

func TestRoomSettingsValidate(t *testing.T) {
	valid := func(mod func(*RoomSettings)) RoomSettings {
		s := DefaultRoomSettings()
		if mod != nil {
			mod(&s)
		}
		return s
	}
	tests := []struct {
		name string
		s    RoomSettings
		want FieldErrors
	}{
		{name: "defaults are valid", s: valid(nil)},
		{name: "everything set and valid", s: RoomSettings{Welcome: "Hi", MaxParticipants: 100000, MuteOnStart: true,
			GuestPolicy: GuestAskModerator, AnyoneCanStart: true, AllJoinAsModerator: true, Record: true, ExpectedSize: 100000}},
		{name: "welcome of 5000 characters", s: valid(func(s *RoomSettings) { s.Welcome = strings.Repeat("é", 5000) })},
		{name: "welcome too long", s: valid(func(s *RoomSettings) { s.Welcome = strings.Repeat("w", 5001) }),
			want: FieldErrors{"settings.welcome": "must be at most 5000 characters"}},
		{name: "max participants negative", s: valid(func(s *RoomSettings) { s.MaxParticipants = -1 }),
			want: FieldErrors{"settings.max_participants": "must be between 0 (no limit) and 100000"}},
		{name: "max participants too large", s: valid(func(s *RoomSettings) { s.MaxParticipants = 100001 }),
			want: FieldErrors{"settings.max_participants": "must be between 0 (no limit) and 100000"}},
		{name: "empty guest policy", s: valid(func(s *RoomSettings) { s.GuestPolicy = "" }),
			want: FieldErrors{"settings.guest_policy": "must be ALWAYS_ACCEPT or ASK_MODERATOR"}},
		{name: "unknown guest policy", s: valid(func(s *RoomSettings) { s.GuestPolicy = "ALWAYS_DENY" }),
			want: FieldErrors{"settings.guest_policy": "must be ALWAYS_ACCEPT or ASK_MODERATOR"}},
		{name: "guest policy is case-sensitive", s: valid(func(s *RoomSettings) { s.GuestPolicy = "always_accept" }),
			want: FieldErrors{"settings.guest_policy": "must be ALWAYS_ACCEPT or ASK_MODERATOR"}},
		{name: "expected size negative", s: valid(func(s *RoomSettings) { s.ExpectedSize = -1 }),
			want: FieldErrors{"settings.expected_size": "must be between 0 and 100000"}},
		{name: "expected size too large", s: valid(func(s *RoomSettings) { s.ExpectedSize = 100001 }),
			want: FieldErrors{"settings.expected_size": "must be between 0 and 100000"}},
		{name: "several at once", s: RoomSettings{MaxParticipants: -5, GuestPolicy: "x", ExpectedSize: -5},
			want: FieldErrors{"settings.max_participants": "must be between 0 (no limit) and 100000",
				"settings.guest_policy":  "must be ALWAYS_ACCEPT or ASK_MODERATOR",
				"settings.expected_size": "must be between 0 and 100000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fe := FieldErrors{}
			tt.s.Validate(fe)
			if diff := cmp.Diff(tt.want, fe, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("field errors (-want +got):\n%s", diff)
			}
			err := fe.Err()
			if (err != nil) != (len(tt.want) > 0) {
				t.Fatalf("Err() = %v", err)
			}
			if err != nil && ErrorCode(err) != EInvalid {
				t.Fatalf("code %q, want %q", ErrorCode(err), EInvalid)
			}
		})
	}
}

func TestRoomSettingsPatchApply(t *testing.T) {
	base := RoomSettings{Welcome: "old", MaxParticipants: 10, MuteOnStart: true, GuestPolicy: GuestAlwaysAccept,
		AnyoneCanStart: true, AllJoinAsModerator: false, Record: true, ExpectedSize: 20}
	tests := []struct {
		name  string
		patch *RoomSettingsPatch
		want  RoomSettings
	}{
		{name: "nil patch changes nothing", patch: nil, want: base},
		{name: "empty patch changes nothing", patch: &RoomSettingsPatch{}, want: base},
		{name: "welcome only", patch: &RoomSettingsPatch{Welcome: ptr("new")},
			want: func() RoomSettings { s := base; s.Welcome = "new"; return s }()},
		{name: "zero values are applied, not ignored",
			patch: &RoomSettingsPatch{Welcome: ptr(""), MaxParticipants: ptr(0), MuteOnStart: ptr(false),
				AnyoneCanStart: ptr(false), Record: ptr(false), ExpectedSize: ptr(0)},
			want: RoomSettings{GuestPolicy: GuestAlwaysAccept}},
		{name: "every field",
			patch: &RoomSettingsPatch{Welcome: ptr("w"), MaxParticipants: ptr(5), MuteOnStart: ptr(false),
				GuestPolicy: ptr(GuestAskModerator), AnyoneCanStart: ptr(false), AllJoinAsModerator: ptr(true),
				Record: ptr(false), ExpectedSize: ptr(50)},
			want: RoomSettings{Welcome: "w", MaxParticipants: 5, GuestPolicy: GuestAskModerator, AllJoinAsModerator: true, ExpectedSize: 50}},
		{name: "invalid values are applied (Validate catches them)", patch: &RoomSettingsPatch{GuestPolicy: ptr("nope")},
			want: func() RoomSettings { s := base; s.GuestPolicy = "nope"; return s }()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := base
			tt.patch.Apply(&got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("settings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateName(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr string // "" means valid
	}{
		{name: "plain", in: "Weekly sync"},
		{name: "empty", in: "", wantErr: "must not be empty"},
		{name: "spaces only", in: "   ", wantErr: "must not be empty"},
		{name: "tabs and newlines only", in: "\t\n ", wantErr: "must not be empty"},
		{name: "one character", in: "x"},
		{name: "200 characters", in: strings.Repeat("a", 200)},
		{name: "201 characters", in: strings.Repeat("a", 201), wantErr: "must be at most 200 characters"},
		{name: "200 two-byte characters", in: strings.Repeat("é", 200)},
		{name: "200 four-byte characters", in: strings.Repeat("🎓", 200)},
		{name: "201 two-byte characters", in: strings.Repeat("é", 201), wantErr: "must be at most 200 characters"},
		{name: "201 CJK characters", in: strings.Repeat("会", 201), wantErr: "must be at most 200 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fe := FieldErrors{}
			ValidateName(fe, "name", tt.in)
			want := FieldErrors{}
			if tt.wantErr != "" {
				want["name"] = tt.wantErr
			}
			if diff := cmp.Diff(want, fe); diff != "" {
				t.Fatalf("field errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFieldErrorsKeepsFirst(t *testing.T) {
	fe := FieldErrors{}
	fe.Add("name", "first")
	fe.Add("name", "second")
	if fe["name"] != "first" {
		t.Fatalf("Add kept %q, want the first message", fe["name"])
	}
	if (FieldErrors{}).Err() != nil {
		t.Fatal("empty FieldErrors gives an error")
	}
}
