// Package app wires Switchboard together. Tests boot the whole thing on
// 127.0.0.1:0 through New + Start and stop it with Close.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"switchboard/backend/internal/accounts"
	"switchboard/backend/internal/bbb"
	"switchboard/backend/internal/cluster"
	"switchboard/backend/internal/config"
	"switchboard/backend/internal/core"
	"switchboard/backend/internal/gateway"
	"switchboard/backend/internal/httpapi"
	"switchboard/backend/internal/metrics"
	"switchboard/backend/internal/postgres"
	"switchboard/backend/internal/rooms"
)

// App is a running Switchboard.
type App struct {
	Config  *config.Config
	DB      *postgres.DB
	BBB     *bbb.Client
	Metrics *metrics.Metrics
	Poller  *cluster.Poller
	Rooms   *rooms.Service
	Log     *slog.Logger
	// Now is the clock for tokens, meetings and polls; tests may replace it before Start.
	Now func() time.Time
	// ManualPolling leaves the poller's loop off; tests call Poller.Cycle.
	ManualPolling bool

	listener net.Listener
	http     *http.Server
	cancel   context.CancelFunc
	group    *errgroup.Group
}

// New prepares an App from cfg without touching the network.
func New(cfg *config.Config, log *slog.Logger) *App {
	if log == nil {
		log = slog.Default()
	}
	return &App{Config: cfg, Log: log, Now: func() time.Time { return time.Now().UTC() }}
}

// URL is the base URL the HTTP server listens on (after Start).
func (a *App) URL() string { return "http://" + a.listener.Addr().String() }

// Start opens the database (waiting up to 30 s for it), applies migrations,
// bootstraps the admin and nodes, and starts the HTTP server and the poller.
func (a *App) Start(ctx context.Context) error {
	cfg := a.Config
	db, err := OpenDB(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	a.DB = db
	db.Now, db.ReserveFloor = a.Now, cfg.ReserveFloor

	a.BBB = bbb.NewClient(nil)
	a.Metrics = metrics.New()
	acc := &accounts.Service{
		Users:        db,
		Tokens:       &accounts.Tokens{Secret: []byte(cfg.JWTSecret), TTL: cfg.AccessTTL, Issuer: "switchboard", Now: a.Now},
		RefreshTTL:   cfg.RefreshTTL,
		BcryptCost:   cfg.BcryptCost,
		Registration: cfg.Registration,
		Now:          a.Now,
	}
	if cfg.AdminEmail != "" {
		if err := acc.EnsureAdmin(ctx, cfg.AdminEmail, cfg.AdminPassword, func(ctx context.Context, id string) error {
			return db.SetUserRole(ctx, id, core.RoleAdmin)
		}); err != nil {
			return fmt.Errorf("SWITCHBOARD_ADMIN_EMAIL: %w", err)
		}
	}
	nodeAdmin := &cluster.Admin{Nodes: db}
	if cfg.NodesFile != "" {
		entries, err := cluster.LoadNodesFile(cfg.NodesFile)
		if err != nil {
			return err
		}
		if err := nodeAdmin.Seed(ctx, entries); err != nil {
			return err
		}
	}

	placement := cluster.Placement{}
	var cpu cluster.CPUSource
	if cfg.PrometheusURL != "" {
		placement.CPUThreshold = cfg.CPUThreshold
		cpu = &cluster.PrometheusCPU{BaseURL: cfg.PrometheusURL, HTTP: &http.Client{Timeout: cfg.PollTimeout}}
	}
	meetings := &cluster.Meetings{Nodes: db, Store: db, BBB: a.BBB, Placement: placement}
	a.Rooms = &rooms.Service{Rooms: db, Meetings: meetings, BBB: a.BBB, PublicURL: cfg.PublicURL, LogoutURL: cfg.PublicURL}
	a.Poller = &cluster.Poller{
		Nodes: db, BBB: a.BBB, Interval: cfg.PollInterval, Timeout: cfg.PollTimeout, Concurrency: cfg.PollConcurrency,
		Health: cluster.Hysteresis{FailAfter: cfg.FailAfter, RiseAfter: cfg.RiseAfter}, Now: a.Now,
		Leader: postgres.NewLeader(db, postgres.PollerLockKey), CPU: cpu, Observer: a.Metrics, Log: a.Log,
	}
	srv := &httpapi.Server{
		Accounts: acc, Users: db, Rooms: a.Rooms, NodeAdmin: nodeAdmin, Nodes: db, Placement: placement,
		Metrics: a.Metrics, Ready: db.Ping, PublicURL: cfg.PublicURL, Registration: cfg.Registration,
		SecureCookies: strings.HasPrefix(cfg.PublicURL, "https://"), TrustedProxies: cfg.TrustedProxies,
	}
	if len(cfg.GatewaySecrets) > 0 {
		srv.Gateway = &gateway.Gateway{Secrets: cfg.GatewaySecrets, Meetings: meetings, Store: db, Nodes: db,
			BBB: a.BBB, Metrics: a.Metrics, Log: a.Log}
	}
	handler, err := srv.Handler()
	if err != nil {
		return fmt.Errorf("SWITCHBOARD_TRUSTED_PROXIES: %w", err)
	}
	a.listener, err = net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("SWITCHBOARD_LISTEN: %w", err)
	}
	a.http = &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}

	runCtx, runCancel := context.WithCancel(context.Background())
	a.cancel = runCancel
	a.group, runCtx = errgroup.WithContext(runCtx)
	a.group.Go(func() error {
		if err := a.http.Serve(a.listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	if !a.ManualPolling {
		a.group.Go(func() error { return a.Poller.Run(runCtx) })
	}
	a.Log.Info("switchboard started", "listen", a.listener.Addr().String(), "public_url", cfg.PublicURL,
		"gateway", len(cfg.GatewaySecrets) > 0)
	return nil
}

// Close stops accepting requests, lets running ones finish (up to 20 s),
// stops the poller, and closes the database, in that order.
func (a *App) Close() error {
	var errs []error
	if a.http != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		errs = append(errs, a.http.Shutdown(ctx))
		cancel()
	}
	if a.cancel != nil {
		a.cancel()
		errs = append(errs, a.group.Wait())
	}
	if a.DB != nil {
		errs = append(errs, a.DB.Close())
	}
	return errors.Join(errs...)
}
