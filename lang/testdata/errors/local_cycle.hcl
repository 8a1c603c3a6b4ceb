pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
locals {
  a = "${local.b}-x"
  b = "${local.a}-y" # ERROR PC0014
}
test "unit" {
  image = "node:20"
  run   = ["echo ${local.a}"]
}
