#!/usr/bin/env bash
# Record a CI build in the Event Provenance Registry (EPR):
#   1. a pipeline run "started" event   (receiver type ci.pipelinerun.started)
#   2. the build's CycloneDX SBOM        (POST /api/v1/sboms?name=…&version=…&release=…&platform_id=…&package=…)
#   3. a pipeline run "finished" event  (receiver type ci.pipelinerun.finished, success from the build's status)
# All three carry the artifact's NVRPP (name, version, release, platform_id, package). EPR turns the two events
# into CDEvents pipelinerun.started/finished and the SBOM into artifact.packaged.
#
# Usage: post-build.sh [options] [BUILD_STATUS]
#   BUILD_STATUS   the build's exit status (0 = success) or a CI status word: success|failure|failed|cancelled|
#                  canceled|aborted|unstable|skipped (GitHub's steps.<id>.outcome, GitLab's CI_JOB_STATUS,
#                  Jenkins' currentBuild.currentResult). Needed for --phase finish and all. Env: BUILD_STATUS.
# Options (each also read from the environment variable named after it; EPR_NAME etc. win over NAME etc.):
#   --url URL              EPR_URL        EPR base URL (default http://localhost:8042)
#   --name N               NAME           artifact name, e.g. epr-vertx
#   --version V            VERSION        artifact version, e.g. 0.1.0-SNAPSHOT
#   --release R            RELEASE        release / build number, e.g. 42
#   --platform-id P        PLATFORM_ID    e.g. linux-x86_64-java17
#   --package P            PACKAGE        package kind, e.g. maven
#   --sbom FILE            SBOM           CycloneDX file (.json or .xml); none: no SBOM is posted
#   --pipeline-name N      PIPELINE_NAME  pipeline name shown in CDViz (default: NAME)
#   --run-url URL          RUN_URL        absolute URL of this CI run (becomes the CDEvent's content.uri)
#   --run-id ID            RUN_ID         CDEvent subject id of the run (default: EPR derives one from the NVRPP)
#   --phase P              EPR_PHASE      start (event 1 only), finish (2 and 3), all (default: 1, 2, 3)
#   --status S             BUILD_STATUS   the build's status, as the last argument
#   --started-receiver ID  EPR_STARTED_RECEIVER_ID   receiver to use for "started" (default: found or created)
#   --finished-receiver ID EPR_FINISHED_RECEIVER_ID  receiver to use for "finished" (default: found or created)
#   EPR_TOKEN              sent as "Authorization: Bearer $EPR_TOKEN" when set (never printed)
#   EPR_TIMEOUT            seconds per HTTP call (default 120); EPR_RETRIES: curl retries on transient errors
#                          (default 2); EPR_JQ: the jq command (default jq; empty: parse with sed instead)
#   EPR_SBOM_CONTENT_TYPE  overrides the Content-Type of the SBOM (default by extension, see sbom_content_type)
#
# Output: one key=value line per id on stdout (append it to $GITHUB_OUTPUT if you like), progress on stderr.
# Exit status: 0 when every EPR call succeeded (whatever the build's status), 1 when one failed (one line on
# stderr naming the call, the HTTP status and the server's error text), 2 on a usage error.
# Needs bash and curl; uses jq when present (it is on GitHub's hosted runners), sed otherwise.

set -u -o pipefail

me=post-build.sh
die() { printf '%s: %s\n' "$me" "$*" >&2; exit 1; }
usage_error() { printf '%s: %s (see the comment at the top of %s)\n' "$me" "$*" "$0" >&2; exit 2; }
note() { printf '%s: %s\n' "$me" "$*" >&2; }

# --- settings: arguments win over the environment ------------------------------------------------------------
EPR_URL=${EPR_URL:-http://localhost:8042}
NAME=${EPR_NAME:-${NAME:-}}
VERSION=${EPR_VERSION:-${VERSION:-}}
RELEASE=${EPR_RELEASE:-${RELEASE:-}}
PLATFORM_ID=${EPR_PLATFORM_ID:-${PLATFORM_ID:-}}
PACKAGE=${EPR_PACKAGE:-${PACKAGE:-}}
SBOM=${EPR_SBOM:-${SBOM:-}}
PIPELINE_NAME=${PIPELINE_NAME:-}
RUN_URL=${RUN_URL:-}
RUN_ID=${RUN_ID:-}
PHASE=${EPR_PHASE:-all}
BUILD_STATUS=${BUILD_STATUS:-}
STARTED_RECEIVER_ID=${EPR_STARTED_RECEIVER_ID:-}
FINISHED_RECEIVER_ID=${EPR_FINISHED_RECEIVER_ID:-}
EPR_TOKEN=${EPR_TOKEN:-}
EPR_TIMEOUT=${EPR_TIMEOUT:-120}
EPR_RETRIES=${EPR_RETRIES:-2}
JQ=${EPR_JQ-jq}

while [ $# -gt 0 ]; do
  opt=$1
  case $opt in
    --*=*) set -- "${opt%%=*}" "${opt#*=}" "${@:2}"; continue ;;
    -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; break ;;
    --*) [ $# -ge 2 ] || usage_error "$opt needs a value" ;;
    -*) usage_error "unknown option $opt" ;;
    *) break ;;
  esac
  case $opt in
    --url) EPR_URL=$2 ;;
    --name) NAME=$2 ;;
    --version) VERSION=$2 ;;
    --release) RELEASE=$2 ;;
    --platform-id|--platform_id) PLATFORM_ID=$2 ;;
    --package) PACKAGE=$2 ;;
    --sbom) SBOM=$2 ;;
    --pipeline-name) PIPELINE_NAME=$2 ;;
    --run-url) RUN_URL=$2 ;;
    --run-id) RUN_ID=$2 ;;
    --phase) PHASE=$2 ;;
    --status) BUILD_STATUS=$2 ;;
    --started-receiver) STARTED_RECEIVER_ID=$2 ;;
    --finished-receiver) FINISHED_RECEIVER_ID=$2 ;;
    *) usage_error "unknown option $opt" ;;
  esac
  shift 2
done
[ $# -le 1 ] || usage_error "unexpected arguments: $*"
[ $# -eq 1 ] && BUILD_STATUS=$1

case $PHASE in start|finish|all) ;; *) usage_error "--phase must be start, finish or all, not '$PHASE'" ;; esac
missing=
for v in NAME VERSION RELEASE PLATFORM_ID PACKAGE; do
  [ -n "${!v}" ] || missing="$missing $v"
done
[ -z "$missing" ] || usage_error "missing:$missing (set them in the environment or pass --name, --version, …)"
[ "$PHASE" = start ] || [ -n "$BUILD_STATUS" ] || usage_error "the build's status is needed (last argument or BUILD_STATUS)"
case $EPR_URL in http://*|https://*) ;; *) usage_error "EPR_URL must start with http:// or https://, not '$EPR_URL'" ;; esac
EPR_URL=${EPR_URL%/}
PIPELINE_NAME=${PIPELINE_NAME:-$NAME}
command -v curl >/dev/null 2>&1 || die "curl is needed and was not found"
if [ -n "$JQ" ] && ! command -v "$JQ" >/dev/null 2>&1; then JQ=; fi

STARTED_TYPE=ci.pipelinerun.started
FINISHED_TYPE=ci.pipelinerun.finished
RECEIVER_VERSION=1.0.0
# the payloads EPR's default CDEvents rules read (all optional); anything else is allowed too
RECEIVER_SCHEMA='{"type":"object","properties":{"pipeline_name":{"type":"string"},"url":{"type":"string"},"run_id":{"type":"string"},"outcome":{"enum":["success","failure","cancel","error"]},"errors":{"type":"string"}}}'

# --- the build's status --------------------------------------------------------------------------------------
success=true outcome=success
if [ "$PHASE" != start ]; then
  status=$(printf '%s' "$BUILD_STATUS" | tr '[:upper:]' '[:lower:]')
  case $status in
    0|success|succeeded|successful|passed|ok) success=true outcome=success ;;
    cancel*|aborted|interrupted) success=false outcome=cancel ;;
    [0-9]*|failure|failed|fail|unstable) success=false outcome=failure ;;
    *) success=false outcome=error ;;   # skipped, not_built, anything unknown
  esac
fi

# --- helpers ------------------------------------------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/epr-post-build.XXXXXX") || die "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
auth=()
if [ -n "$EPR_TOKEN" ]; then
  # a header file keeps the token out of the process list
  (umask 077 && printf 'Authorization: Bearer %s\n' "$EPR_TOKEN" >"$tmp/auth")
  auth=(-H "@$tmp/auth")
fi

# JSON string literal of $1 (quotes included)
json_str() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  s=$(printf '%s' "$s" | tr -d '\000-\037')
  printf '"%s"' "$s"
}

# percent-encoding of $1 for a query parameter (UTF-8 bytes)
urlencode() {
  local LC_ALL=C
  local s=$1 out='' c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [A-Za-z0-9.~_-]) out+=$c ;;
      *) out+=$(printf '%%%02X' "'$c") ;;
    esac
  done
  printf '%s' "$out"
}

# the server's error text in a response body: EPR's {"errors":["…"]}, GraphQL's {"errors":[{"message":"…"}]},
# or the body itself (first 300 characters), on one line
error_text() {
  local f=$1 text=''
  if [ -n "$JQ" ]; then
    text=$("$JQ" -r '[(.errors // [])[] | if type == "object" then (.message // tostring) else tostring end]
                      | join("; ")' "$f" 2>/dev/null)
  fi
  if [ -z "$text" ]; then
    text=$(tr '\n' ' ' <"$f" | sed -n -E \
             -e 's/.*"errors"[[:space:]]*:[[:space:]]*\[[[:space:]]*"(([^"\\]|\\.)*)".*/\1/p' \
             -e 's/.*"errors"[[:space:]]*:.*"message"[[:space:]]*:[[:space:]]*"(([^"\\]|\\.)*)".*/\1/p' | head -n 1)
  fi
  [ -n "$text" ] || text=$(head -c 300 "$f")
  text=${text//\\n/$'\n'}
  text=${text//\\\"/\"}
  text=${text//$'\r'/}
  text=${text//$'\n'/; }
  printf '%s' "${text%"${text##*[![:space:];]}"}"
}

# the "data" id of an EPR response body
data_id() {
  if [ -n "$JQ" ]; then
    "$JQ" -r 'if (.data | type) == "string" then .data else empty end' "$1" 2>/dev/null
  else
    tr '\n' ' ' <"$1" | sed -n 's/.*"data"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p'
  fi
}

# call WHAT METHOD PATH CONTENT_TYPE @FILE|-: the HTTP call; the body is left in $tmp/body; fails unless 2xx
call() {
  local what=$1 method=$2 path=$3 ctype=$4 data=$5 code rc
  : >"$tmp/body"
  code=$(curl -sS -X "$method" "$EPR_URL$path" ${auth[@]+"${auth[@]}"} -H "Content-Type: $ctype" -H 'Accept: application/json' \
              --data-binary "$data" --max-time "$EPR_TIMEOUT" --retry "$EPR_RETRIES" --retry-delay 2 \
              -o "$tmp/body" -w '%{http_code}' 2>"$tmp/curl.err")
  rc=$?
  if [ "$rc" -ne 0 ] && [ "${code:-000}" = 000 ]; then
    die "$what: could not reach $EPR_URL${path%%\?*}: $(tr '\n' ' ' <"$tmp/curl.err" | sed 's/[[:space:]]*$//') (curl exit $rc)"
  fi
  case $code in
    2??) ;;
    *) die "$what failed: HTTP $code from $method ${path%%\?*}: $(error_text "$tmp/body")" ;;
  esac
}

# post_json WHAT PATH JSON: POST a JSON body, print the "data" id
post_json() {
  local what=$1 path=$2 id
  printf '%s' "$3" >"$tmp/request"
  call "$what" POST "$path" application/json "@$tmp/request"
  id=$(data_id "$tmp/body")
  [ -n "$id" ] || die "$what: HTTP 200 from POST $path without an id: $(head -c 300 "$tmp/body" | tr '\n' ' ')"
  printf '%s' "$id"
}

# the id of a receiver of type $1 (one named $2 preferred), found with GraphQL; empty when there is none
find_receiver() {
  local type=$1 name=$2 query
  # shellcheck disable=SC2016 # GraphQL variables, not shell ones
  query='query ($r: FindEventReceiverInput!) { event_receivers(event_receiver: $r) { id name type version } }'
  printf '{"query":%s,"variables":{"r":{"type":%s}}}' "$(json_str "$query")" "$(json_str "$type")" >"$tmp/request"
  call "finding the receiver of type $type" POST /api/v1/graphql/query application/json "@$tmp/request"
  if tr '\n' ' ' <"$tmp/body" | grep -q '"errors"[[:space:]]*:[[:space:]]*\[[[:space:]]*[^][:space:]]'; then
    die "finding the receiver of type $type failed: GraphQL error: $(error_text "$tmp/body")"
  fi
  if [ -n "$JQ" ]; then
    # shellcheck disable=SC2016 # jq variables
    "$JQ" -r --arg n "$name" '(.data.event_receivers // []) as $all
             | ([$all[] | select(.name == $n)] + $all)[0].id // empty' "$tmp/body"
  else
    tr '\n' ' ' <"$tmp/body" | sed -n 's/^[^[]*\[[^]]*"id"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p'
  fi
}

# receiver_id TYPE GIVEN_ID: GIVEN_ID, or an existing receiver of TYPE, or a new one
receiver_id() {
  local type=$1 given=$2 name id
  name=${type//./-}
  if [ -n "$given" ]; then printf '%s' "$given"; return; fi
  id=$(find_receiver "$type" "$name") || exit 1
  if [ -n "$id" ]; then printf '%s' "$id"; return; fi
  post_json "creating the receiver of type $type" /api/v1/receivers \
    "$(printf '{"name":%s,"type":%s,"version":%s,"description":%s,"schema":%s}' "$(json_str "$name")" \
       "$(json_str "$type")" "$(json_str "$RECEIVER_VERSION")" \
       "$(json_str "CI pipeline runs (${type##*.}), posted by samples/post-build.sh")" "$RECEIVER_SCHEMA")"
}

# the event body for receiver $1, success $2, description $3, payload $4
event_json() {
  printf '{"name":%s,"version":%s,"release":%s,"platform_id":%s,"package":%s,"description":%s,"payload":%s,"success":%s,"event_receiver_id":%s}' \
    "$(json_str "$NAME")" "$(json_str "$VERSION")" "$(json_str "$RELEASE")" "$(json_str "$PLATFORM_ID")" \
    "$(json_str "$PACKAGE")" "$(json_str "$3")" "$4" "$2" "$(json_str "$1")"
}

# the payload: pipeline_name, and url, run_id when set, plus "key" "json value" pairs given as arguments
payload_json() {
  local p
  p="{\"pipeline_name\":$(json_str "$PIPELINE_NAME")"
  [ -z "$RUN_URL" ] || p="$p,\"url\":$(json_str "$RUN_URL")"
  [ -z "$RUN_ID" ] || p="$p,\"run_id\":$(json_str "$RUN_ID")"
  while [ $# -ge 2 ]; do p="$p,\"$1\":$2"; shift 2; done
  printf '%s}' "$p"
}

sbom_content_type() {
  if [ -n "${EPR_SBOM_CONTENT_TYPE:-}" ]; then printf '%s' "$EPR_SBOM_CONTENT_TYPE"; return; fi
  case $1 in
    *.json|*.JSON) printf 'application/vnd.cyclonedx+json' ;;
    *.xml|*.XML) printf 'application/vnd.cyclonedx+xml' ;;
    *) # no telling extension: look at the first character that is not blank
       case $(tr -d ' \t\r\n' <"$1" | head -c 1) in
         '{') printf 'application/vnd.cyclonedx+json' ;;
         *) printf 'application/vnd.cyclonedx+xml' ;;
       esac ;;
  esac
}

nvrpp="$NAME/$VERSION/$RELEASE/$PLATFORM_ID/$PACKAGE"

post_sbom() {
  local query id
  query="name=$(urlencode "$NAME")&version=$(urlencode "$VERSION")&release=$(urlencode "$RELEASE")"
  query="$query&platform_id=$(urlencode "$PLATFORM_ID")&package=$(urlencode "$PACKAGE")"
  query="$query&description=$(urlencode "SBOM of $NAME $VERSION from $PIPELINE_NAME")"
  call "posting the SBOM $SBOM" POST "/api/v1/sboms?$query" "$(sbom_content_type "$SBOM")" "@$SBOM"
  id=$(data_id "$tmp/body")
  [ -n "$id" ] || die "posting the SBOM $SBOM: HTTP 200 without an id: $(head -c 300 "$tmp/body" | tr '\n' ' ')"
  echo "epr_sbom_id=$id"
  note "SBOM $SBOM stored for $nvrpp: $id ($EPR_URL/api/v1/sboms/$id)"
}

# --- 1. pipeline run started ---------------------------------------------------------------------------------
if [ "$PHASE" != finish ]; then
  rid=$(receiver_id "$STARTED_TYPE" "$STARTED_RECEIVER_ID") || exit 1
  echo "epr_started_receiver_id=$rid"
  id=$(post_json "posting the pipeline run started event" /api/v1/events \
       "$(event_json "$rid" true "pipeline run started: $PIPELINE_NAME" "$(payload_json)")") || exit 1
  echo "epr_started_event_id=$id"
  note "pipeline run started for $nvrpp: event $id"
fi

if [ "$PHASE" != start ]; then
  # --- 2. the SBOM (a failure here is reported, the run's end still posted, and the exit status is 1) ---------
  sbom_failed=
  if [ -z "$SBOM" ]; then
    note "no SBOM given (--sbom or SBOM): none posted"
  elif [ ! -f "$SBOM" ]; then
    if [ "$success" = true ]; then
      note "the SBOM $SBOM does not exist, though the build succeeded (is the cyclonedx-maven-plugin bound to package?)"
      sbom_failed=1
    else
      note "the SBOM $SBOM does not exist (the build did not succeed): none posted"
    fi
  elif ! (post_sbom); then
    sbom_failed=1
  fi

  # --- 3. pipeline run finished ------------------------------------------------------------------------------
  rid=$(receiver_id "$FINISHED_TYPE" "$FINISHED_RECEIVER_ID") || exit 1
  echo "epr_finished_receiver_id=$rid"
  extra=("outcome" "$(json_str "$outcome")")
  [ "$success" = true ] || extra+=("errors" "$(json_str "build status: $BUILD_STATUS")")
  id=$(post_json "posting the pipeline run finished event" /api/v1/events \
       "$(event_json "$rid" "$success" "pipeline run finished ($outcome): $PIPELINE_NAME" "$(payload_json "${extra[@]}")")") || exit 1
  echo "epr_finished_event_id=$id"
  note "pipeline run finished ($outcome) for $nvrpp: event $id"
fi

[ -z "${sbom_failed:-}" ] || exit 1
exit 0
