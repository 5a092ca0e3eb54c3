package cluster

import (
	"context"
	"net/url"
	"strings"

	"switchboard/backend/internal/bbb"
	"switchboard/backend/internal/core"
)

// NodeInput is what an admin sends to create or change a node. Nil fields
// keep their value on update; an empty secret on update keeps the old one.
type NodeInput struct {
	Name      *string `json:"name"`
	APIURL    *string `json:"api_url"`
	Secret    *string `json:"secret"`
	Algorithm *string `json:"algorithm"`
	Capacity  *int    `json:"capacity"`
	State     *string `json:"state"`
}

// Admin manages nodes for admins.
type Admin struct {
	Nodes core.NodeStore
}

// DefaultCapacity is a node's capacity in participants when none is given.
const DefaultCapacity = 100

// Create validates in and stores a new node.
func (a *Admin) Create(ctx context.Context, in NodeInput) (*core.Node, error) {
	n := &core.Node{Capacity: DefaultCapacity, State: core.NodeEnabled, Algorithm: string(bbb.SHA256)}
	if err := apply(n, in, true); err != nil {
		return nil, err
	}
	if err := a.Nodes.CreateNode(ctx, n); err != nil {
		return nil, err
	}
	return n, nil
}

// Update validates in and changes node id.
func (a *Admin) Update(ctx context.Context, id string, in NodeInput) (*core.Node, error) {
	n, err := a.Nodes.NodeByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := apply(n, in, false); err != nil {
		return nil, err
	}
	if err := a.Nodes.UpdateNode(ctx, n); err != nil {
		return nil, err
	}
	return a.Nodes.NodeByID(ctx, id)
}

func apply(n *core.Node, in NodeInput, creating bool) error {
	fe := core.FieldErrors{}
	if in.APIURL != nil {
		u, err := NormalizeAPIURL(*in.APIURL)
		if err != nil {
			fe.Add("api_url", err.Error())
		}
		n.APIURL = u
	} else if creating {
		fe.Add("api_url", "is required")
	}
	if in.Name != nil {
		n.Name = strings.TrimSpace(*in.Name)
	}
	if n.Name == "" && n.APIURL != "" {
		if u, err := url.Parse(n.APIURL); err == nil {
			// Nodes behind one host differ by path (e.g. bbbsim's /n/2).
			n.Name = u.Host + strings.TrimSuffix(u.Path, "/bigbluebutton/api")
		}
	}
	core.ValidateName(fe, "name", n.Name)
	if in.Secret != nil && strings.TrimSpace(*in.Secret) != "" {
		n.Secret = strings.TrimSpace(*in.Secret)
	} else if creating {
		fe.Add("secret", "is required (find it with `bbb-conf --secret` on the node)")
	}
	if len(n.Secret) > 500 {
		fe.Add("secret", "must be at most 500 characters")
	}
	if in.Algorithm != nil && *in.Algorithm != "" {
		alg, err := bbb.ParseAlgorithm(*in.Algorithm)
		if err != nil {
			fe.Add("algorithm", "must be sha1, sha256, sha384 or sha512")
		}
		n.Algorithm = string(alg)
	}
	if in.Capacity != nil {
		n.Capacity = *in.Capacity
	}
	if n.Capacity < 1 || n.Capacity > 1000000 {
		fe.Add("capacity", "must be between 1 and 1000000 participants")
	}
	if in.State != nil {
		n.State = *in.State
	}
	switch n.State {
	case core.NodeEnabled, core.NodeCordoned, core.NodeDisabled:
	default:
		fe.Add("state", "must be enabled, cordoned or disabled")
	}
	return fe.Err()
}

type urlError string

func (e urlError) Error() string { return string(e) }

// NormalizeAPIURL checks that s is an http(s) URL. A bare host or a path
// ending in /bigbluebutton gets /bigbluebutton/api appended; any other path
// is kept as given (some sites proxy BBB under their own prefix).
func NormalizeAPIURL(s string) (string, error) {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return s, urlError("must be an http(s) URL like https://bbb1.example.org/bigbluebutton/api")
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return s, urlError("must not contain a query, fragment or credentials")
	}
	p := strings.TrimRight(u.Path, "/")
	switch {
	case p == "":
		p = "/bigbluebutton/api"
	case strings.HasSuffix(p, "/bigbluebutton"):
		p += "/api"
	}
	u.Path = p
	return u.String(), nil
}
