package cluster

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"switchboard/backend/internal/core"
)

func TestHysteresisNext(t *testing.T) {
	const (
		on  = core.HealthOnline
		off = core.HealthOffline
		unk = core.HealthUnknown
	)
	tests := []struct {
		name  string
		h     Hysteresis
		start string
		polls []bool   // outcomes, in order
		want  []string // health after each poll
	}{
		{name: "online, one failure stays online, two go offline", h: Hysteresis{2, 2}, start: on,
			polls: []bool{false, false}, want: []string{on, off}},
		{name: "offline, one success stays offline, two come online", h: Hysteresis{2, 2}, start: off,
			polls: []bool{true, true}, want: []string{off, on}},
		{name: "unknown comes online on first success", h: Hysteresis{2, 2}, start: unk,
			polls: []bool{true}, want: []string{on}},
		{name: "unknown goes offline after FailAfter failures", h: Hysteresis{2, 2}, start: unk,
			polls: []bool{false, false}, want: []string{unk, off}},
		{name: "flapping fail/ok/fail never goes offline", h: Hysteresis{2, 2}, start: on,
			polls: []bool{false, true, false, true, false, true, false},
			want:  []string{on, on, on, on, on, on, on}},
		{name: "flapping ok/fail/ok never comes back online", h: Hysteresis{2, 2}, start: off,
			polls: []bool{true, false, true, false, true},
			want:  []string{off, off, off, off, off}},
		{name: "offline stays offline on further failures", h: Hysteresis{2, 2}, start: on,
			polls: []bool{false, false, false, false}, want: []string{on, off, off, off}},
		{name: "success resets the failure streak", h: Hysteresis{2, 2}, start: on,
			polls: []bool{false, true, false, false}, want: []string{on, on, on, off}},
		{name: "full cycle", h: Hysteresis{2, 2}, start: unk,
			polls: []bool{true, false, false, true, true, true},
			want:  []string{on, on, off, off, on, on}},
		{name: "FailAfter 3", h: Hysteresis{3, 1}, start: on,
			polls: []bool{false, false, false, true}, want: []string{on, on, off, on}},
		{name: "zero thresholds act as 1", h: Hysteresis{}, start: on,
			polls: []bool{false, true}, want: []string{off, on}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			health, fail, ok := tt.start, 0, 0
			var got []string
			for _, outcome := range tt.polls {
				health, fail, ok = tt.h.Next(health, fail, ok, outcome)
				got = append(got, health)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("health after each poll (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHysteresisStreaks(t *testing.T) {
	h := Hysteresis{FailAfter: 2, RiseAfter: 2}
	tests := []struct {
		name             string
		fail, ok         int
		outcome          bool
		wantFail, wantOK int
	}{
		{name: "success bumps ok and clears fail", fail: 3, ok: 0, outcome: true, wantFail: 0, wantOK: 1},
		{name: "failure bumps fail and clears ok", fail: 0, ok: 5, outcome: false, wantFail: 1, wantOK: 0},
		{name: "successes accumulate", fail: 0, ok: 7, outcome: true, wantFail: 0, wantOK: 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, f, o := h.Next(core.HealthOnline, tt.fail, tt.ok, tt.outcome)
			if f != tt.wantFail || o != tt.wantOK {
				t.Fatalf("streaks = (%d, %d), want (%d, %d)", f, o, tt.wantFail, tt.wantOK)
			}
		})
	}
}
