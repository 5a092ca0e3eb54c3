package config

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const (
	testDB     = "postgres://sb:pw@localhost:5432/switchboard"
	testSecret = "0123456789abcdef0123456789abcdef" // 32 characters
)

// env returns a getenv over the minimal valid environment plus overrides;
// an override of "" unsets the variable.
func env(overrides map[string]string) func(string) string {
	m := map[string]string{"DATABASE_URL": testDB, "SWITCHBOARD_JWT_SECRET": testSecret}
	for k, v := range overrides {
		m[k] = v
	}
	return func(k string) string { return m[k] }
}

func TestFromEnvDefaults(t *testing.T) {
	got, err := FromEnv(env(nil))
	if err != nil {
		t.Fatalf("FromEnv: %v", err)
	}
	want := &Config{
		DatabaseURL:     testDB,
		Listen:          ":8080",
		PublicURL:       "http://localhost:8080",
		JWTSecret:       testSecret,
		PollInterval:    10 * time.Second,
		PollTimeout:     5 * time.Second,
		PollConcurrency: 16,
		FailAfter:       2,
		RiseAfter:       2,
		ReserveFloor:    10,
		Registration:    true,
		TrustedProxies:  []string{"127.0.0.1/32", "::1/128"},
		AccessTTL:       15 * time.Minute,
		RefreshTTL:      720 * time.Hour,
		BcryptCost:      11,
		CPUThreshold:    0.85,
		LogLevel:        "info",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("config (-want +got):\n%s", diff)
	}
}

func TestFromEnvSettings(t *testing.T) {
	tests := []struct {
		name  string
		env   map[string]string
		check func(*Config) bool
	}{
		{"public URL trailing slash trimmed", map[string]string{"SWITCHBOARD_PUBLIC_URL": "https://meet.example.org/"},
			func(c *Config) bool { return c.PublicURL == "https://meet.example.org" }},
		{"values trimmed", map[string]string{"SWITCHBOARD_POLL_INTERVAL": " 3s "},
			func(c *Config) bool { return c.PollInterval == 3*time.Second }},
		{"registration closed", map[string]string{"SWITCHBOARD_REGISTRATION": "closed"},
			func(c *Config) bool { return !c.Registration }},
		{"admin email and password together", map[string]string{"SWITCHBOARD_ADMIN_EMAIL": "admin@example.org", "SWITCHBOARD_ADMIN_PASSWORD": "long enough"},
			func(c *Config) bool { return c.AdminEmail == "admin@example.org" && c.AdminPassword == "long enough" }},
		{"gateway secrets in order", map[string]string{"SWITCHBOARD_GATEWAY_SECRET": "new-secret", "SWITCHBOARD_GATEWAY_SECRET_OLD": "old-secret"},
			func(c *Config) bool { return cmp.Equal(c.GatewaySecrets, []string{"new-secret", "old-secret"}) }},
		{"trusted proxies split and trimmed", map[string]string{"SWITCHBOARD_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.1 ,"},
			func(c *Config) bool { return cmp.Equal(c.TrustedProxies, []string{"10.0.0.0/8", "192.168.1.1"}) }},
		{"prometheus and threshold", map[string]string{"SWITCHBOARD_PROMETHEUS_URL": "http://prom:9090", "SWITCHBOARD_CPU_THRESHOLD": "0.5"},
			func(c *Config) bool { return c.PrometheusURL == "http://prom:9090" && c.CPUThreshold == 0.5 }},
		{"reserve floor 0 allowed", map[string]string{"SWITCHBOARD_RESERVE_SEATS": "0"},
			func(c *Config) bool { return c.ReserveFloor == 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := FromEnv(env(tt.env))
			if err != nil {
				t.Fatalf("FromEnv: %v", err)
			}
			if !tt.check(c) {
				t.Fatalf("unexpected config: %+v", c)
			}
		})
	}
}

func TestFromEnvErrors(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		variable string // the error must start with it
	}{
		{"DATABASE_URL missing", map[string]string{"DATABASE_URL": ""}, "DATABASE_URL"},
		{"DATABASE_URL blank", map[string]string{"DATABASE_URL": "   "}, "DATABASE_URL"},
		{"JWT secret missing", map[string]string{"SWITCHBOARD_JWT_SECRET": ""}, "SWITCHBOARD_JWT_SECRET"},
		{"JWT secret short", map[string]string{"SWITCHBOARD_JWT_SECRET": "0123456789abcdef0123456789abcde"}, "SWITCHBOARD_JWT_SECRET"},
		{"public URL not http", map[string]string{"SWITCHBOARD_PUBLIC_URL": "ftp://meet.example.org"}, "SWITCHBOARD_PUBLIC_URL"},
		{"public URL without scheme", map[string]string{"SWITCHBOARD_PUBLIC_URL": "meet.example.org"}, "SWITCHBOARD_PUBLIC_URL"},
		{"poll interval abc", map[string]string{"SWITCHBOARD_POLL_INTERVAL": "abc"}, "SWITCHBOARD_POLL_INTERVAL"},
		{"poll interval without unit", map[string]string{"SWITCHBOARD_POLL_INTERVAL": "10"}, "SWITCHBOARD_POLL_INTERVAL"},
		{"poll interval negative", map[string]string{"SWITCHBOARD_POLL_INTERVAL": "-1s"}, "SWITCHBOARD_POLL_INTERVAL"},
		{"poll timeout zero", map[string]string{"SWITCHBOARD_POLL_TIMEOUT": "0s"}, "SWITCHBOARD_POLL_TIMEOUT"},
		{"access TTL bad", map[string]string{"SWITCHBOARD_ACCESS_TTL": "forever"}, "SWITCHBOARD_ACCESS_TTL"},
		{"fail after 0", map[string]string{"SWITCHBOARD_FAIL_AFTER": "0"}, "SWITCHBOARD_FAIL_AFTER"},
		{"rise after not a number", map[string]string{"SWITCHBOARD_RISE_AFTER": "two"}, "SWITCHBOARD_RISE_AFTER"},
		{"concurrency too big", map[string]string{"SWITCHBOARD_POLL_CONCURRENCY": "1001"}, "SWITCHBOARD_POLL_CONCURRENCY"},
		{"bcrypt cost too low", map[string]string{"SWITCHBOARD_BCRYPT_COST": "3"}, "SWITCHBOARD_BCRYPT_COST"},
		{"registration maybe", map[string]string{"SWITCHBOARD_REGISTRATION": "maybe"}, "SWITCHBOARD_REGISTRATION"},
		{"admin email without password", map[string]string{"SWITCHBOARD_ADMIN_EMAIL": "admin@example.org"}, "SWITCHBOARD_ADMIN_PASSWORD"},
		{"admin password without email", map[string]string{"SWITCHBOARD_ADMIN_PASSWORD": "long enough"}, "SWITCHBOARD_ADMIN_PASSWORD"},
		{"admin password short", map[string]string{"SWITCHBOARD_ADMIN_EMAIL": "admin@example.org", "SWITCHBOARD_ADMIN_PASSWORD": "short"}, "SWITCHBOARD_ADMIN_PASSWORD"},
		{"gateway secret short", map[string]string{"SWITCHBOARD_GATEWAY_SECRET": "short"}, "SWITCHBOARD_GATEWAY_SECRET"},
		{"old gateway secret alone", map[string]string{"SWITCHBOARD_GATEWAY_SECRET_OLD": "old-secret"}, "SWITCHBOARD_GATEWAY_SECRET_OLD"},
		{"prometheus URL not http", map[string]string{"SWITCHBOARD_PROMETHEUS_URL": "prom:9090"}, "SWITCHBOARD_PROMETHEUS_URL"},
		{"CPU threshold above 1", map[string]string{"SWITCHBOARD_CPU_THRESHOLD": "85"}, "SWITCHBOARD_CPU_THRESHOLD"},
		{"CPU threshold 0", map[string]string{"SWITCHBOARD_CPU_THRESHOLD": "0"}, "SWITCHBOARD_CPU_THRESHOLD"},
		{"log level", map[string]string{"SWITCHBOARD_LOG_LEVEL": "verbose"}, "SWITCHBOARD_LOG_LEVEL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := FromEnv(env(tt.env))
			if err == nil {
				t.Fatalf("FromEnv accepted it: %+v", c)
			}
			if c != nil {
				t.Fatalf("FromEnv returned a config with error %v", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.variable+" ") {
				t.Fatalf("error %q, want it to start with %q", msg, tt.variable)
			}
			if strings.Contains(msg, "\n") {
				t.Fatalf("error %q is not one line", msg)
			}
			if strings.Contains(msg, testSecret) {
				t.Fatalf("error %q leaks the JWT secret", msg)
			}
		})
	}
}

func TestSettingsNamesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range Settings {
		if seen[s.Name] {
			t.Errorf("setting %s listed twice", s.Name)
		}
		seen[s.Name] = true
		if s.Help == "" {
			t.Errorf("setting %s has no help", s.Name)
		}
	}
}
