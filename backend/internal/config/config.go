// Package config reads Switchboard's settings from the environment. A
// missing or invalid setting stops start-up with one line naming it.
package config

import (
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of `switchboard serve`.
type Config struct {
	DatabaseURL     string
	Listen          string
	PublicURL       string
	JWTSecret       string
	PollInterval    time.Duration
	PollTimeout     time.Duration
	PollConcurrency int
	FailAfter       int
	RiseAfter       int
	ReserveFloor    int
	AdminEmail      string
	AdminPassword   string
	NodesFile       string
	Registration    bool
	GatewaySecrets  []string
	TrustedProxies  []string
	AccessTTL       time.Duration
	RefreshTTL      time.Duration
	BcryptCost      int
	PrometheusURL   string
	CPUThreshold    float64
	LogLevel        string
}

// Setting describes one environment variable for docs and errors.
type Setting struct {
	Name, Default, Help string
}

// Settings lists every variable in the order the README's table shows them.
var Settings = []Setting{
	{"DATABASE_URL", "", "PostgreSQL URL, e.g. postgres://user:pass@db:5432/switchboard (required)"},
	{"SWITCHBOARD_LISTEN", ":8080", "Address the HTTP server listens on"},
	{"SWITCHBOARD_PUBLIC_URL", "http://localhost:8080", "Where people reach Switchboard; used in share links"},
	{"SWITCHBOARD_JWT_SECRET", "", "At least 32 characters; signs access tokens (required)"},
	{"SWITCHBOARD_POLL_INTERVAL", "10s", "How often every node is polled"},
	{"SWITCHBOARD_POLL_TIMEOUT", "5s", "Deadline of one node's poll"},
	{"SWITCHBOARD_POLL_CONCURRENCY", "16", "Nodes polled at the same time"},
	{"SWITCHBOARD_FAIL_AFTER", "2", "Failed polls in a row before a node is offline"},
	{"SWITCHBOARD_RISE_AFTER", "2", "Good polls in a row before an offline node is online again"},
	{"SWITCHBOARD_RESERVE_SEATS", "10", "Seats a new meeting reserves until the next poll counts it (at least its expected size)"},
	{"SWITCHBOARD_ADMIN_EMAIL", "", "Bootstrap admin account, created or promoted at start"},
	{"SWITCHBOARD_ADMIN_PASSWORD", "", "Password of the bootstrap admin (at least 8 characters)"},
	{"SWITCHBOARD_NODES_FILE", "", "tinyscale servers.json seeding nodes at start"},
	{"SWITCHBOARD_REGISTRATION", "open", "open: anyone may sign up; closed: admins create accounts"},
	{"SWITCHBOARD_GATEWAY_SECRET", "", "Shared secret of the BBB-compatible API; unset turns it off"},
	{"SWITCHBOARD_GATEWAY_SECRET_OLD", "", "A second accepted gateway secret, for rotation"},
	{"SWITCHBOARD_TRUSTED_PROXIES", "127.0.0.1/32,::1/128", "Proxies whose X-Forwarded-For / X-Real-IP are believed"},
	{"SWITCHBOARD_ACCESS_TTL", "15m", "Lifetime of access tokens"},
	{"SWITCHBOARD_REFRESH_TTL", "720h", "Lifetime of refresh tokens"},
	{"SWITCHBOARD_BCRYPT_COST", "11", "bcrypt cost for password hashes (10-14)"},
	{"SWITCHBOARD_PROMETHEUS_URL", "", "Prometheus base URL; enables the CPU signal"},
	{"SWITCHBOARD_CPU_THRESHOLD", "0.85", "CPU busy fraction above which a node counts as full"},
	{"SWITCHBOARD_LOG_LEVEL", "info", "debug, info, warn or error"},
}

// FromEnv reads the configuration through getenv (os.Getenv in production).
func FromEnv(getenv func(string) string) (*Config, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	get := func(name string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		for _, s := range Settings {
			if s.Name == name {
				return s.Default
			}
		}
		return ""
	}
	c := &Config{}
	var err error
	fail := func(name, why string) error { return fmt.Errorf("%s %s", name, why) }

	if c.DatabaseURL = get("DATABASE_URL"); c.DatabaseURL == "" {
		return nil, fail("DATABASE_URL", "is required (a PostgreSQL URL like postgres://user:pass@host:5432/switchboard)")
	}
	c.Listen = get("SWITCHBOARD_LISTEN")
	c.PublicURL = strings.TrimRight(get("SWITCHBOARD_PUBLIC_URL"), "/")
	if u, perr := url.Parse(c.PublicURL); perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fail("SWITCHBOARD_PUBLIC_URL", "must be an http(s) URL like https://meet.example.org")
	}
	if c.JWTSecret = get("SWITCHBOARD_JWT_SECRET"); len(c.JWTSecret) < 32 {
		return nil, fail("SWITCHBOARD_JWT_SECRET", "must be at least 32 characters (try: openssl rand -hex 32)")
	}
	durations := []struct {
		name string
		dst  *time.Duration
	}{{"SWITCHBOARD_POLL_INTERVAL", &c.PollInterval}, {"SWITCHBOARD_POLL_TIMEOUT", &c.PollTimeout},
		{"SWITCHBOARD_ACCESS_TTL", &c.AccessTTL}, {"SWITCHBOARD_REFRESH_TTL", &c.RefreshTTL}}
	for _, d := range durations {
		if *d.dst, err = time.ParseDuration(get(d.name)); err != nil || *d.dst <= 0 {
			return nil, fail(d.name, "must be a positive duration like 10s or 15m")
		}
	}
	ints := []struct {
		name     string
		dst      *int
		min, max int
	}{{"SWITCHBOARD_POLL_CONCURRENCY", &c.PollConcurrency, 1, 1000}, {"SWITCHBOARD_FAIL_AFTER", &c.FailAfter, 1, 100},
		{"SWITCHBOARD_RISE_AFTER", &c.RiseAfter, 1, 100}, {"SWITCHBOARD_RESERVE_SEATS", &c.ReserveFloor, 0, 100000},
		{"SWITCHBOARD_BCRYPT_COST", &c.BcryptCost, 4, 16}}
	for _, i := range ints {
		if *i.dst, err = strconv.Atoi(get(i.name)); err != nil || *i.dst < i.min || *i.dst > i.max {
			return nil, fail(i.name, fmt.Sprintf("must be a whole number from %d to %d", i.min, i.max))
		}
	}
	c.AdminEmail, c.AdminPassword = get("SWITCHBOARD_ADMIN_EMAIL"), getenv("SWITCHBOARD_ADMIN_PASSWORD")
	if (c.AdminEmail == "") != (c.AdminPassword == "") {
		return nil, fail("SWITCHBOARD_ADMIN_PASSWORD", "and SWITCHBOARD_ADMIN_EMAIL must be set together")
	}
	if c.AdminPassword != "" && len(c.AdminPassword) < 8 {
		return nil, fail("SWITCHBOARD_ADMIN_PASSWORD", "must be at least 8 characters")
	}
	c.NodesFile = get("SWITCHBOARD_NODES_FILE")
	switch get("SWITCHBOARD_REGISTRATION") {
	case "open":
		c.Registration = true
	case "closed":
	default:
		return nil, fail("SWITCHBOARD_REGISTRATION", "must be open or closed")
	}
	for _, name := range []string{"SWITCHBOARD_GATEWAY_SECRET", "SWITCHBOARD_GATEWAY_SECRET_OLD"} {
		if v := get(name); v != "" {
			if len(v) < 8 {
				return nil, fail(name, "must be at least 8 characters")
			}
			c.GatewaySecrets = append(c.GatewaySecrets, v)
		}
	}
	if get("SWITCHBOARD_GATEWAY_SECRET") == "" && len(c.GatewaySecrets) > 0 {
		return nil, fail("SWITCHBOARD_GATEWAY_SECRET_OLD", "needs SWITCHBOARD_GATEWAY_SECRET too")
	}
	for _, p := range strings.Split(get("SWITCHBOARD_TRUSTED_PROXIES"), ",") {
		if p = strings.TrimSpace(p); p != "" {
			c.TrustedProxies = append(c.TrustedProxies, p)
		}
	}
	if c.PrometheusURL = get("SWITCHBOARD_PROMETHEUS_URL"); c.PrometheusURL != "" {
		if u, perr := url.Parse(c.PrometheusURL); perr != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return nil, fail("SWITCHBOARD_PROMETHEUS_URL", "must be an http(s) URL")
		}
	}
	if c.CPUThreshold, err = strconv.ParseFloat(get("SWITCHBOARD_CPU_THRESHOLD"), 64); err != nil || c.CPUThreshold <= 0 || c.CPUThreshold > 1 {
		return nil, fail("SWITCHBOARD_CPU_THRESHOLD", "must be a fraction between 0 and 1, like 0.85")
	}
	c.LogLevel = get("SWITCHBOARD_LOG_LEVEL")
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return nil, fail("SWITCHBOARD_LOG_LEVEL", "must be debug, info, warn or error")
	}
	return c, nil
}
