package bbb

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultMaxBody bounds a node's answer; a getMeetings of a busy node is far below it.
const DefaultMaxBody = 4 << 20

// Client talks to BBB nodes. It is safe for concurrent use.
type Client struct {
	HTTP    *http.Client
	MaxBody int64 // 0 = DefaultMaxBody
}

// NewClient wraps hc; nil gives a client with sane timeouts that never follows redirects
// (a join answers 302 to the HTML5 client, which is for browsers, not for us).
func NewClient(hc *http.Client) *Client {
	if hc == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.DialContext = (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext
		tr.TLSHandshakeTimeout = 5 * time.Second
		tr.ResponseHeaderTimeout = 30 * time.Second
		tr.MaxIdleConns = 1024
		tr.MaxIdleConnsPerHost = 64 // a poller hits many nodes, and bbbsim serves them all on one host
		hc = &http.Client{
			Transport: tr,
			Timeout:   60 * time.Second, // backstop; per-call deadlines come from ctx
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		}
	}
	return &Client{HTTP: hc, MaxBody: DefaultMaxBody}
}

func (c *Client) maxBody() int64 {
	if c.MaxBody > 0 {
		return c.MaxBody
	}
	return DefaultMaxBody
}

// URL returns the signed URL of call with params (in params.Encode() order).
func (c *Client) URL(s Server, call string, params url.Values) string {
	return c.URLRaw(s, call, params.Encode())
}

// URLRaw signs rawQuery as-is; the gateway uses it to re-sign a client's query without re-encoding it.
func (c *Client) URLRaw(s Server, call, rawQuery string) string {
	sum := Checksum(s.Algorithm, call, rawQuery, s.Secret)
	q := "checksum=" + sum
	if rawQuery != "" {
		q = rawQuery + "&" + q
	}
	return strings.TrimRight(s.APIURL, "/") + "/" + call + "?" + q
}

// Create creates a meeting (or, if it runs already, answers with messageKey duplicateWarning).
func (c *Client) Create(ctx context.Context, s Server, p CreateParams) (*CreateResponse, error) {
	v := url.Values{}
	v.Set("name", p.Name)
	v.Set("meetingID", p.MeetingID)
	setIf(v, "welcome", p.Welcome)
	setIf(v, "guestPolicy", p.GuestPolicy)
	setIf(v, "logoutURL", p.LogoutURL)
	if p.MaxParticipants > 0 {
		v.Set("maxParticipants", strconv.Itoa(p.MaxParticipants))
	}
	if p.MuteOnStart {
		v.Set("muteOnStart", "true")
	}
	if p.Record {
		v.Set("record", "true")
	}
	for k, val := range p.Meta {
		v.Set("meta_"+k, val)
	}
	for k, vals := range p.Extra {
		v[k] = vals
	}
	var out CreateResponseXML
	if err := c.get(ctx, s, "create", v, &out); err != nil {
		return nil, err
	}
	return out.response(), nil
}

// JoinURL builds a signed join URL; no HTTP call is made.
func (c *Client) JoinURL(s Server, p JoinParams) string {
	v := url.Values{}
	v.Set("fullName", p.FullName)
	v.Set("meetingID", p.MeetingID)
	setIf(v, "role", p.Role)
	setIf(v, "userID", p.UserID)
	redirect := p.Redirect == nil || *p.Redirect
	v.Set("redirect", strconv.FormatBool(redirect))
	for k, vals := range p.Extra {
		v[k] = vals
	}
	return c.URL(s, "join", v)
}

// IsMeetingRunning answers false for an unknown meeting, as BBB does.
func (c *Client) IsMeetingRunning(ctx context.Context, s Server, meetingID string) (bool, error) {
	var out RunningResponseXML
	if err := c.get(ctx, s, "isMeetingRunning", url.Values{"meetingID": {meetingID}}, &out); err != nil {
		return false, err
	}
	return out.Running, nil
}

// GetMeetingInfo returns *Error with MessageKey notFound for an unknown meeting.
func (c *Client) GetMeetingInfo(ctx context.Context, s Server, meetingID string) (*Meeting, error) {
	var out MeetingInfoResponseXML
	if err := c.get(ctx, s, "getMeetingInfo", url.Values{"meetingID": {meetingID}}, &out); err != nil {
		return nil, err
	}
	m := out.MeetingXML.Meeting()
	return &m, nil
}

// GetMeetings lists all meetings of a node; an empty node gives an empty slice.
func (c *Client) GetMeetings(ctx context.Context, s Server) ([]Meeting, error) {
	var out MeetingsResponseXML
	if err := c.get(ctx, s, "getMeetings", url.Values{}, &out); err != nil {
		return nil, err
	}
	ms := make([]Meeting, len(out.Meetings))
	for i, x := range out.Meetings {
		ms[i] = x.Meeting()
	}
	return ms, nil
}

// End asks the node to end a meeting.
func (c *Client) End(ctx context.Context, s Server, meetingID string) error {
	var out MessageResponseXML
	return c.get(ctx, s, "end", url.Values{"meetingID": {meetingID}}, &out)
}

// GetRecordings passes params (meetingID, recordID, state, meta_*) through.
func (c *Client) GetRecordings(ctx context.Context, s Server, params url.Values) ([]Recording, error) {
	if params == nil {
		params = url.Values{}
	}
	var out RecordingsResponseXML
	if err := c.get(ctx, s, "getRecordings", params, &out); err != nil {
		return nil, err
	}
	rs := make([]Recording, len(out.Recordings.Recording))
	for i, x := range out.Recordings.Recording {
		rs[i] = x.Recording()
	}
	return rs, nil
}

// Raw performs a signed call and returns the answer untouched (bounded by MaxBody). Only transport
// failures and oversized bodies are errors; the gateway judges status and content itself.
func (c *Client) Raw(ctx context.Context, method string, s Server, call, rawQuery string, body io.Reader, contentType string) (status int, ctype string, data []byte, err error) {
	req, err := http.NewRequestWithContext(ctx, method, c.URLRaw(s, call, rawQuery), body)
	if err != nil {
		return 0, "", nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return 0, "", nil, transportError(err)
	}
	defer resp.Body.Close()
	data, err = c.readBody(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), data, err
}

// get performs a GET call, checks the answer is BBB XML, turns FAILED into *Error and decodes into out.
func (c *Client) get(ctx context.Context, s Server, call string, params url.Values, out any) error {
	data, ctype, err := c.fetch(ctx, s, call, params)
	if err != nil {
		return err
	}
	var head MessageResponseXML
	if err := xml.Unmarshal(data, &head); err != nil {
		return fmt.Errorf("node answered invalid XML (%s)", describeType(ctype))
	}
	if err := head.check(); err != nil {
		return err
	}
	if err := xml.Unmarshal(data, out); err != nil {
		return fmt.Errorf("node answered malformed %s response: %v", call, err)
	}
	return nil
}

// fetch performs a GET call and returns the body of a 200 answer that is not HTML and not empty.
func (c *Client) fetch(ctx context.Context, s Server, call string, params url.Values) ([]byte, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.URL(s, call, params), nil)
	if err != nil {
		return nil, "", err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, "", transportError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("node answered HTTP %d", resp.StatusCode)
	}
	ctype := resp.Header.Get("Content-Type")
	if mt, _, _ := mime.ParseMediaType(ctype); strings.Contains(mt, "html") {
		return nil, "", fmt.Errorf("node answered non-XML (%s)", mt)
	}
	data, err := c.readBody(resp.Body)
	if err != nil {
		return nil, "", err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, "", errors.New("empty response body")
	}
	return data, ctype, nil
}

// check turns a FAILED or malformed answer into an error.
func (m *MessageResponseXML) check() error {
	switch m.ReturnCode {
	case ReturnSuccess:
		return nil
	case ReturnFailed:
		return &Error{MessageKey: m.MessageKey, Message: m.Message}
	}
	return errors.New("node answered XML without a returncode")
}

// MeetingLoad is the part of a getMeetings entry the poller needs.
type MeetingLoad struct {
	MeetingID        string `xml:"meetingID"`
	ParticipantCount int    `xml:"participantCount"`
}

type meetingLoadsXML struct {
	MessageResponseXML
	Meetings []MeetingLoad `xml:"meetings>meeting"`
}

// MeetingLoads is getMeetings decoded into meeting IDs and participant
// counts only, in one pass: with 1000 nodes polled every few seconds,
// decoding every attendee of every meeting dominated the poller's cost.
func (c *Client) MeetingLoads(ctx context.Context, s Server) ([]MeetingLoad, error) {
	data, ctype, err := c.fetch(ctx, s, "getMeetings", url.Values{})
	if err != nil {
		return nil, err
	}
	var out meetingLoadsXML
	if err := xml.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("node answered invalid XML (%s)", describeType(ctype))
	}
	if err := out.check(); err != nil {
		return nil, err
	}
	return out.Meetings, nil
}

func (c *Client) readBody(r io.Reader) ([]byte, error) {
	limit := c.maxBody()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, transportError(err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("response larger than %s", sizeString(limit))
	}
	return data, nil
}

// transportError drops the *url.Error wrapper: its message repeats the signed URL, which is long and
// replayable, while the cause alone (refused, timeout, EOF) is the useful part.
func transportError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("node unreachable: %w", err)
}

func describeType(ctype string) string {
	if ctype == "" {
		return "no content type"
	}
	if mt, _, err := mime.ParseMediaType(ctype); err == nil {
		return mt
	}
	return ctype
}

func sizeString(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	if n%(1<<10) == 0 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func setIf(v url.Values, k, val string) {
	if val != "" {
		v.Set(k, val)
	}
}
