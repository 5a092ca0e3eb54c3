'use strict'
// Drives Switchboard's BBB-compatible gateway with a real third-party client, the npm package
// bigbluebutton-js (SHA-1 checksums, querystring encoding), as Moodle-style integrations would:
// create -> join -> isMeetingRunning -> getMeetingInfo -> getMeetings -> end.
//
// usage: node e2e.js GATEWAY_BASE SECRET [NODE_BASE]
//   GATEWAY_BASE  e.g. http://127.0.0.1:8080 (the script appends /bigbluebutton)
//   NODE_BASE     optional: the join redirect must point below it (bbbsim's base URL)

const http = require('http')
const https = require('https')
const bbb = require('bigbluebutton-js')

const [base, secret, nodeBase] = process.argv.slice(2)
if (!base || !secret) {
  console.error('usage: node e2e.js GATEWAY_BASE SECRET [NODE_BASE]')
  process.exit(2)
}

function assert(cond, msg, detail) {
  if (!cond) {
    throw new Error(msg + (detail === undefined ? '' : ': ' + JSON.stringify(detail)))
  }
}

// fetchNoRedirect GETs url and returns {status, location} without following redirects (the client
// library would follow them, hiding where the gateway sent the browser).
function fetchNoRedirect(url) {
  const mod = url.startsWith('https:') ? https : http
  return new Promise((resolve, reject) => {
    mod
      .get(url, (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode, location: res.headers.location }))
      })
      .on('error', reject)
  })
}

async function main() {
  const api = bbb.api(base.replace(/\/$/, '') + '/bigbluebutton', secret)
  const id = 'js-e2e-' + Date.now().toString(36)

  let res = await bbb.http(
    api.administration.create('JS client meeting', id, {
      attendeePW: 'ap',
      moderatorPW: 'mp',
      welcome: 'Hello from bigbluebutton-js',
      meta_client: 'bigbluebutton-js',
    })
  )
  assert(res.returncode === 'SUCCESS' && res.meetingID === id, 'create', res)

  // join: the gateway answers 302 to the hosting node's join call, re-signed for that node
  const join = await fetchNoRedirect(api.administration.join('Ada Lovelace', id, 'mp', { userID: 'js-1' }))
  assert(join.status === 302 && join.location, 'join redirect', join)
  const loc = new URL(join.location)
  assert(/^\/n\/\d+\/bigbluebutton\/api\/join$/.test(loc.pathname), 'join path', loc.pathname)
  if (nodeBase) {
    assert(loc.origin === new URL(nodeBase).origin, 'join host', { location: join.location, nodeBase })
  }
  assert(loc.searchParams.get('fullName') === 'Ada Lovelace' && loc.searchParams.get('meetingID') === id, 'join params', loc.search)
  // the browser follows it: the node accepts the gateway's signature and sends it to its client
  const node = await fetchNoRedirect(join.location)
  assert(node.status === 302 && /\/client\/join\?sessionToken=/.test(node.location || ''), 'node join', node)

  res = await bbb.http(api.monitoring.isMeetingRunning(id))
  assert(res.returncode === 'SUCCESS' && res.running === true, 'isMeetingRunning', res)

  res = await bbb.http(api.monitoring.getMeetingInfo(id))
  assert(res.returncode === 'SUCCESS' && res.meetingID === id && res.participantCount === 1, 'getMeetingInfo', res)
  assert(res.metadata && res.metadata.client === 'bigbluebutton-js', 'getMeetingInfo metadata', res.metadata)

  res = await bbb.http(api.monitoring.getMeetings())
  assert(res.returncode === 'SUCCESS', 'getMeetings', res)
  assert(res.meetings.some((m) => m.meetingID === id), 'getMeetings lists the meeting', res.meetings)

  res = await bbb.http(api.administration.end(id, 'mp'))
  assert(res.returncode === 'SUCCESS', 'end', res)

  res = await bbb.http(api.monitoring.isMeetingRunning(id))
  assert(res.returncode === 'SUCCESS' && res.running === false, 'isMeetingRunning after end', res)

  console.log(JSON.stringify({ ok: true, meetingID: id, joinedVia: loc.origin + loc.pathname }))
}

main().catch((err) => {
  console.error('e2e failed:', err && err.message ? err.message : err)
  process.exit(1)
})
