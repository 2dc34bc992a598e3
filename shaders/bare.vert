#version 330 core
// The benchmark's bare draw (mesomap-bench frame): the least a renderer of this mesh must do.
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
uniform mat4 u_viewProjection;
out vec3 v_normal;
void main() {
  v_normal = a_normal;
  gl_Position = u_viewProjection * vec4(a_position, 1.0);
}
