package tekton

// An environment's deploy publishes only into its own folder of the GitOps
// repository, P/overlays/ENV, together with a snapshot of the generated
// base in P/overlays/ENV/base. The overlay then builds on that snapshot
// instead of the shared P/base, so deploying dev cannot change what
// staging or production run before their own deploy (or manual gate):
// promotion moves the base and the digest together. P/base in the GitOps
// repository is never written.

// publishScript replaces the environment's overlay with a fresh copy
// (removed files go) and puts the base snapshot beneath it.
const publishScript = `#!/bin/sh
set -eu
git clone -q --depth=1 --branch "$PIPEC_GITOPS_REVISION" "$PIPEC_GITOPS_URL" repo
src="$PIPEC_SOURCE_TREE"
if [ ! -d "$src/base" ] || [ ! -d "$src/overlays/$PIPEC_ENVIRONMENT" ]; then
  echo "the source repository has no $src/base or $src/overlays/$PIPEC_ENVIRONMENT; commit the output of pipec build" >&2
  exit 1
fi
overlay="repo/$PIPEC_OVERLAY_ROOT/overlays/$PIPEC_ENVIRONMENT"
rm -rf "$overlay"
mkdir -p "repo/$PIPEC_OVERLAY_ROOT/overlays"
cp -R "$src/overlays/$PIPEC_ENVIRONMENT" "$overlay"
if [ -e "$overlay/base" ]; then
  echo "$src/overlays/$PIPEC_ENVIRONMENT/base exists; that name is reserved for the environment's copy of the base" >&2
  exit 1
fi
cp -R "$src/base" "$overlay/base"
echo "published overlays/$PIPEC_ENVIRONMENT with its own copy of the base"
`

// setDigestsScript points the overlay at its base snapshot, pins every
// deployed image by digest and checks the overlay still builds before
// anything is committed.
const setDigestsScript = `#!/bin/sh
set -eu
cd "repo/$PIPEC_OVERLAY_ROOT/overlays/$PIPEC_ENVIRONMENT"
if ! grep -Eq '^[[:space:]]*-[[:space:]]*\.\./\.\./base/?[[:space:]]*$' kustomization.yaml; then
  echo "overlays/$PIPEC_ENVIRONMENT/kustomization.yaml does not list ../../base as a resource; regenerate it with pipec build" >&2
  exit 1
fi
kustomize edit remove resource ../../base
kustomize edit remove resource ../../base/
kustomize edit add resource base
for i in $PIPEC_IMAGE_INDEXES; do
  repository="$(printenv "PIPEC_IMAGE_${i}_REPOSITORY")"
  digest="$(printenv "PIPEC_IMAGE_${i}_DIGEST")"
  if ! printf '%s' "$digest" | grep -Eq '^sha256:[0-9a-f]{64}$'; then
    echo "not an image digest for $repository: '$digest'" >&2
    exit 1
  fi
  kustomize edit set image "$repository=$repository@$digest"
done
kustomize build . > /dev/null
`
