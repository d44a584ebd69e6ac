{{%AUTOESCAPE context="HTML"}}
{{! 404: a way forward, never a dead end. }}
<h1>{{T_nf_title}}</h1>
<p>{{T_nf_text}}</p>
{{>FORM}}
{{#TOPICS}}<h2>{{T_home_topics}}</h2>
<ul class="topics">{{#TOPIC}}<li><a href="{{URL}}">{{NAME}}</a></li>{{/TOPIC}}</ul>{{/TOPICS}}
<p><a href="{{HOME_URL}}">{{T_nf_home}}</a></p>
