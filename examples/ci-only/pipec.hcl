# CI only: a library with no deployment. Tests on a matrix of Node
# versions and operating-system images, a manual trigger, and a package
# image pushed on tags.

pipeline "toolkit" {
  repository = "github.com/acme/toolkit"
  concurrency = "queue"

  on {
    push         = ["main"]
    pull_request = ["main", "release/**"]
    tags         = ["v*.*.*"]
    manual       = true
  }
}

secret "npm-token" {
  github = "NPM_TOKEN"
}

test "lint" {
  image = "node:22"
  run   = ["npm ci", "npm run lint"]
}

test "unit" {
  matrix = {
    node = ["18", "20", "22"]
  }
  image       = "node:${matrix.node}"
  working_dir = "packages/core"
  run         = ["npm ci", "npm test -- --ci"]
  env = {
    NODE_ENV   = "test"
    NPM_TOKEN  = secret.npm-token
    BUILD_NAME = "toolkit-${matrix.node}-${git.short_sha}"
  }
  timeout = "20m"
}

image "cli" {
  repository = "ghcr.io/acme/toolkit-cli"
  dockerfile = "cli/Dockerfile"
  context    = "cli"
  needs      = [test.unit, test.lint]
  tags       = [git.tag, "edge"]

  scan {
    enabled = false
  }
}
