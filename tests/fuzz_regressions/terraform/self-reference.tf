variable "v" { default = var.v }
locals {
  a = local.b
  b = local.a
}
resource "aws_db_instance" "d" {
  publicly_accessible = local.a
  multi_az = var.v
}
