package cluster

import "switchboard/backend/internal/core"

// Hysteresis decides node health from consecutive poll outcomes so that one
// lost packet neither takes a node out nor brings a flapping one back.
type Hysteresis struct {
	FailAfter int // consecutive failures before online → offline
	RiseAfter int // consecutive successes before offline → online
}

// Next returns the health and streaks after one more poll outcome.
func (h Hysteresis) Next(health string, failStreak, okStreak int, ok bool) (string, int, int) {
	if ok {
		failStreak, okStreak = 0, okStreak+1
		switch {
		case health == core.HealthUnknown:
			// A new node is usable as soon as it answers once.
			health = core.HealthOnline
		case health == core.HealthOffline && okStreak >= max(h.RiseAfter, 1):
			health = core.HealthOnline
		}
		return health, failStreak, okStreak
	}
	failStreak, okStreak = failStreak+1, 0
	if health != core.HealthOffline && failStreak >= max(h.FailAfter, 1) {
		health = core.HealthOffline
	}
	return health, failStreak, okStreak
}
