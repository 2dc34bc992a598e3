#version 330 core
// A square on the floor (y = 0) under the body, for its contact shadow.
uniform mat4 u_viewProjection;
uniform vec3 u_centre;
uniform float u_radius;
out vec2 v_local;
void main() {
  vec2 corner = vec2((gl_VertexID & 1) * 2 - 1, (gl_VertexID >> 1) * 2 - 1);
  v_local = corner;
  vec3 world = u_centre + vec3(corner.x, 0.0, corner.y) * u_radius;
  gl_Position = u_viewProjection * vec4(world, 1.0);
}
