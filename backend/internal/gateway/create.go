package gateway

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"switchboard/backend/internal/bbb"
	"switchboard/backend/internal/cluster"
	"switchboard/backend/internal/core"
)

// createAttempts bounds how many nodes one create tries when nodes do not answer.
const createAttempts = 3

var (
	errNodeDown    = errors.New("node gave no BBB answer")
	errNodeRefused = errors.New("node answered FAILED")
)

// create places a new meeting exactly like a portal room (cluster.Meetings.Ensure: most free capacity,
// reserved seats, one live meeting per meetingID enforced by the database) and forwards the client's
// create — every parameter, re-signed — to the chosen node while the placement is still uncommitted.
// The node's answer goes back verbatim. A FAILED answer rolls the placement back; a node that gives no
// answer at all is left out and the next best node is tried (a create that did land on the silent node
// leaves a meeting nobody joins, which BBB expires by itself).
// A meetingID that is already live goes to its node, which answers duplicateWarning (or idNotUnique).
func (g *Gateway) create(w http.ResponseWriter, req *request) string {
	if !requireMeetingID(w, req) {
		return resultFailed
	}
	id := req.meetingID()
	if strings.HasPrefix(id, core.RoomMeetingPrefix) {
		// Portal rooms own this namespace; answer as BBB does for a meetingID that is taken.
		bbb.WriteFailed(w, bbb.KeyIDNotUnique, msgIDNotUnique)
		return resultFailed
	}
	// The client going away must not roll back a meeting the node already created: that would leave
	// it running unknown to Switchboard, and the next create could start a twin on another node.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(req.r.Context()), createAttempts*(g.nodeTimeout()+5*time.Second))
	defer cancel()

	m := core.Meeting{MeetingID: id, Source: core.SourceGateway, ExpectedSize: expectedSize(req)}
	skip := map[string]bool{}
	for range createAttempts {
		var answer nodeAnswer
		var answered bool
		var tried *core.Node
		var createFn cluster.CreateFunc = func(ctx context.Context, node *core.Node, server bbb.Server) error {
			answer, answered, tried = nodeAnswer{}, false, node
			cctx, cancel := context.WithTimeout(ctx, g.nodeTimeout())
			defer cancel()
			a, err := g.send(cctx, server, req)
			if err != nil || !a.valid() {
				g.log().Warn("gateway: create got no answer", "node", node.Name, "status", a.status, "err", err)
				return errNodeDown
			}
			answer, answered = a, true
			if !a.ok() {
				return errNodeRefused
			}
			return nil
		}
		lm, created, err := g.Meetings.EnsureExcept(ctx, m, skip, createFn)
		switch {
		case err == nil && created:
			answer.write(w)
			return resultSuccess
		case err == nil:
			return g.createExisting(w, req, lm)
		case answered:
			// The node said no (validation, idNotUnique...): its words, its XML.
			answer.write(w)
			return resultFailed
		case errors.Is(err, errNodeDown) && tried != nil:
			skip[tried.ID] = true
			continue
		case core.ErrorCode(err) == core.EUnavailable:
			// Full or empty cluster: the placement's message says which, and names no internals.
			bbb.WriteFailed(w, keyNoAvailableServer, core.ErrorMessage(err))
			return resultUnavailable
		default:
			return g.internalError(w, req, err)
		}
	}
	bbb.WriteFailed(w, keyNoAvailableServer, msgNoNodeAnswer)
	return resultUnavailable
}

// createExisting forwards a create of a live meeting to its node, which answers duplicateWarning.
func (g *Gateway) createExisting(w http.ResponseWriter, req *request, lm *core.LiveMeeting) string {
	if lm.Meeting.Source != core.SourceGateway {
		bbb.WriteFailed(w, bbb.KeyIDNotUnique, msgIDNotUnique)
		return resultFailed
	}
	a, ok := g.forwardAndAnswer(w, lm, req)
	if !ok {
		return resultUnavailable
	}
	return a.result()
}

// expectedSize is the placement hint: the seats the client said the meeting may take.
func expectedSize(req *request) int {
	n, err := strconv.Atoi(req.params.Get("maxParticipants"))
	if err != nil || n < 0 {
		return 0
	}
	return min(n, 100000)
}
